//! `pductl serve`: the faces live in `serve/`; this hands them the command line.

use crate::cli::{GlobalOpts, ServeArgs};
use crate::error::Result;
use crate::output::Out;

pub async fn run(g: &GlobalOpts, args: &ServeArgs, out: &mut Out) -> Result<()> {
    crate::serve::run(g, args, out).await
}
