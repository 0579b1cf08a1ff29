//! One module per command family, as cargo lays out its subcommands; `app` dispatches to
//! them, and each gets its device from `device`.

pub mod discover;
pub mod drivers;
pub mod energy;
pub mod fence;
pub mod power;
pub mod profile;
pub mod record;
pub mod serve;
pub mod sim;
pub mod uom;
