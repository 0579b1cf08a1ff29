//! Being built (issue 23): `pductl record`.

use crate::cli::{RecordArgs, GlobalOpts};
use crate::error::{Error, Result};
use crate::output::Out;

pub async fn run(_g: &GlobalOpts, _args: &RecordArgs, _out: &mut Out) -> Result<()> {
    Err(Error::usage("pductl record is not built yet"))
}
