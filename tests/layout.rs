//! The house's rules, read from the source: imports run one way only (no two modules or
//! folders under src/ import each other, directly or around a loop; a folder counts as one
//! module), nothing imports the dispatcher `app.rs`, transports and simulators do not import
//! each other, and `--help` puts each command's own options before the shared ones, under
//! headings.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of src/ (a file, or a folder as one) and the modules its code names as
/// `crate::NAME`, test code (`#[cfg(test)]` onwards) left out.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).unwrap();
            let first = relative.components().next().unwrap();
            let module = first.as_os_str().to_str().unwrap().trim_end_matches(".rs");
            // The crate root and the binary name every module; the tests' helpers are
            // test code.
            if ["lib", "main", "testing"].contains(&module) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            let names = graph.entry(module.to_string()).or_default();
            for (at, _) in code.match_indices("crate::") {
                let name: String = code[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty()
                    && name != module
                    && !["Error", "Result"].contains(&name.as_str())
                {
                    names.insert(name);
                }
            }
        }
    }
    graph
}

/// A loop of imports through `from`, if there is one.
fn cycle_through(
    graph: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    for next in graph.get(path.last().unwrap()).into_iter().flatten() {
        if next == from {
            let mut found = path.clone();
            found.push(next.clone());
            return Some(found);
        }
        if path.contains(next) || !graph.contains_key(next) {
            continue;
        }
        path.push(next.clone());
        if let Some(found) = cycle_through(graph, from, path) {
            return Some(found);
        }
        path.pop();
    }
    None
}

#[test]
fn imports_run_one_way_and_nothing_imports_the_dispatcher() {
    let graph = imports();
    assert!(graph.contains_key("transport") && graph.contains_key("drivers"));
    // Transports and simulators meet only through sockets.
    assert!(
        !graph["sim"].contains("transport"),
        "sim/ imports transport/"
    );
    assert!(
        !graph["transport"].contains("sim"),
        "transport/ imports sim/"
    );
    for (module, names) in &graph {
        assert!(!names.contains("app"), "{module} imports app.rs");
        if let Some(loop_) = cycle_through(&graph, module, &mut vec![module.clone()]) {
            panic!("an import circle: {}", loop_.join(" -> "));
        }
    }
}

#[test]
fn help_lists_a_commands_own_options_before_the_shared_ones() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args(["on", "--help"]);
    let help = ok(c);
    let at = |text: &str| {
        help.find(text)
            .unwrap_or_else(|| panic!("{text:?} not in:\n{help}"))
    };
    assert!(at("--no-verify") < at("\nDevice:"), "{help}");
    for heading in [
        "\nDevice:",
        "\nCredentials:",
        "\nTLS:",
        "\nBehaviour:",
        "\nOutput:",
    ] {
        at(heading);
    }
    assert!(at("\nDevice:") < at("--host"), "{help}");
    assert!(at("\nCredentials:") < at("--password-env"), "{help}");

    let mut c = home.cmd();
    c.args(["sim", "snmp-pdu", "--help"]);
    let help = ok(c);
    for client in [
        "--user",
        "--tls",
        "--host",
        "--password-env",
        "--timeout",
        "--retries",
    ] {
        assert!(!help.contains(client), "{client} in:\n{help}");
    }
    assert!(help.contains("--model"), "{help}");
}
