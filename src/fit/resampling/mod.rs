//! Resampling: the seeded, platform-independent stream and the percentile intervals
//! ([`bootstrap`], with Approach 3's bootstrap job), and the one loop every bootstrap runs,
//! alone or shared among copies (`resample`).

pub mod bootstrap;
pub(crate) mod resample;

#[cfg(test)]
mod tests;
