//! The JS boundary in Node (`wasm-pack test --node`).
#![cfg(target_arch = "wasm32")]

#[path = "common/boundary.rs"]
mod boundary;

#[path = "common/results.rs"]
mod results;
