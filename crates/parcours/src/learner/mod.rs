//! Where one learner stands: the learner record (personal data), competency levels
//! from evidence, module states, what would unlock a module, and progress against the
//! completion rule. It imports [`crate::read`] and [`crate::curriculum`], nothing above.

pub mod evidence;
pub mod progress;
pub mod record;
pub mod state;
pub mod unlock;
