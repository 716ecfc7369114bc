//! The three approaches of Hoffmann et al. 2022 (Sec. 3.1–3.3) and what surrounds each: which
//! approaches a data set allows and why not ([`availability`], [`unfit`]); Approach 1's envelope
//! and the power law through compute-optimal points ([`powerlaw`]); Approach 2's IsoFLOP
//! parabolas ([`profiles`]) and their bias under a known law ([`bias`]); Approach 3's parametric
//! fit ([`approach3`]) with fixed or tied coefficients ([`constraints`]); and the held-out check
//! that refits without the largest budget ([`holdout`]).

pub mod approach3;
pub mod availability;
pub mod bias;
pub mod constraints;
pub mod holdout;
pub mod identify;
pub mod powerlaw;
pub mod profiles;
pub mod unfit;
