//! `completions/` and `man/` are generated from the clap definitions in src/cli.rs. This test
//! fails when they are stale; `PDUCTL_BLESS=1 cargo test --test generated_docs` rewrites them.

use clap_complete::Shell;
use std::path::{Path, PathBuf};

fn generated() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let mut cmd = pductl::cli::command();
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd, "pductl", &mut buf);
        let name = match shell {
            Shell::Bash => "pductl.bash".to_string(),
            Shell::Zsh => "_pductl".to_string(),
            Shell::Fish => "pductl.fish".to_string(),
            Shell::Elvish => "pductl.elv".to_string(),
            Shell::PowerShell => "_pductl.ps1".to_string(),
            _ => unreachable!(),
        };
        files.push((PathBuf::from("completions").join(name), buf));
    }
    let cmd = pductl::cli::command();
    let mut pages = vec![("pductl".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands() {
        let name = format!("pductl-{}", sub.get_name());
        let leaked: &'static str = Box::leak(name.clone().into_boxed_str());
        pages.push((name, sub.clone().name(leaked)));
    }
    for (name, page) in pages {
        let mut buf = Vec::new();
        clap_mangen::Man::new(page)
            .render(&mut buf)
            .expect("render man page");
        files.push((PathBuf::from("man").join(format!("{name}.1")), buf));
    }
    files
}

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("PDUCTL_BLESS").is_some();
    let mut stale = Vec::new();
    for (rel, content) in generated() {
        let path = root.join(&rel);
        if std::fs::read(&path).ok().as_deref() != Some(content.as_slice()) {
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &content).unwrap();
            } else {
                stale.push(rel.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run PDUCTL_BLESS=1 cargo test --test generated_docs"
    );
}
