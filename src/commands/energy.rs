//! Being built (issue 23): `pductl energy`.

use crate::cli::{EnergyArgs, GlobalOpts};
use crate::error::{Error, Result};
use crate::output::Out;

pub async fn run(_g: &GlobalOpts, _args: &EnergyArgs, _out: &mut Out) -> Result<()> {
    Err(Error::usage("pductl energy is not built yet"))
}
