//! pductl: read and control networked power outlets from the shell.
//!
//! The binary is a thin shell over this library: `cli` defines the command line, `app` runs
//! a parsed command, `transport` speaks each device protocol behind one trait, `sim` serves
//! simulated devices, and `error` carries the exit-code class of every failure.

pub mod app;
pub mod cli;
pub mod commands;
pub mod connect;
pub mod demo;
pub mod device;
pub mod discover;
pub mod drivers;
pub mod energy;
pub mod error;
pub mod http_server;
pub mod output;
pub mod path;
pub mod paths;
pub mod power;
pub mod profile;
pub mod retry;
pub mod serve;
pub mod signals;
pub mod sim;
#[cfg(test)]
mod testing;
pub mod transport;
pub mod uom;

pub use error::{Error, Result};
