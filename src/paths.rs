//! Where pductl keeps its files, by the XDG base directories (the platform's equivalents
//! elsewhere): the profile file and user drivers under the config directory, the demo
//! devices' state under the state directory, the device locks under the runtime directory.

use std::path::PathBuf;

/// `$XDG_CONFIG_HOME/pductl`, else `~/.config/pductl` (an `XDG_CONFIG_HOME` that is not an
/// absolute path is ignored, as the specification says).
pub fn config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            if cfg!(unix) {
                dirs::home_dir().map(|h| h.join(".config"))
            } else {
                dirs::config_dir()
            }
        })?;
    Some(base.join("pductl"))
}

/// The profile file when neither `--config` nor `$PDUCTL_CONFIG` names one.
pub fn profile_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// Where user driver files live.
pub fn drivers_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("drivers"))
}

/// `$XDG_STATE_HOME/pductl/<file>`: what pductl keeps between runs (the demo devices).
pub fn state_file(file: &str) -> PathBuf {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join("pductl")
        .join(file)
}

/// `$XDG_RUNTIME_DIR/pductl/locks`, else a per-user directory under the temporary directory.
pub fn locks_dir() -> PathBuf {
    match dirs::runtime_dir() {
        Some(dir) => dir.join("pductl").join("locks"),
        None => {
            #[cfg(unix)]
            // SAFETY: getuid has no preconditions and cannot fail.
            let user = unsafe { libc::getuid() }.to_string();
            #[cfg(not(unix))]
            let user = std::env::var("USERNAME").unwrap_or_default();
            std::env::temp_dir()
                .join(format!("pductl-{user}"))
                .join("locks")
        }
    }
}
