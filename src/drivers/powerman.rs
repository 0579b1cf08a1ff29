//! powerman's device scripts (`.dev` files, protocols/drivers-2.md section 2), run directly:
//! a profile's `driver = "powerman:wti"` reads `/etc/powerman/wti.dev` (where Debian's
//! `powerman` package installs them), or a path, and its scripts drive the device over the
//! session backend's conversation. pductl ships none of powerman's files. (Being written:
//! see issue 25.)
