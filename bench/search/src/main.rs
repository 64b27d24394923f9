//! Search benchmark (work in progress).

fn main() {}
