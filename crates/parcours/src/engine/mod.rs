//! What to do next: ranked recommendations and the shortest individual plan. It
//! imports the layers below ([`crate::read`], [`crate::curriculum`], [`crate::learner`]),
//! never [`crate::positioning`].

pub mod plan;
pub mod recommend;
