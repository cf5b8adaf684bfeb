//! Learner benchmarks (figures printed; see the crate header).

fn main() {}
