use portal_tests::workspace_root;
use std::fs;
use std::path::PathBuf;
use xtask::{RegenOptions, layout::Layout, regen};

fn scratch() -> (tempfile::TempDir, Layout) {
    let dir = tempfile::tempdir().unwrap();
    let real = Layout::new(workspace_root());
    let layout = Layout::new(dir.path());
    fs::create_dir_all(layout.generated_dir()).unwrap();
    fs::create_dir_all(layout.pin_file().parent().unwrap()).unwrap();
    for entry in fs::read_dir(real.generated_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), layout.generated_dir().join(entry.file_name())).unwrap();
    }
    fs::copy(real.pin_file(), layout.pin_file()).unwrap();
    (dir, layout)
}

#[test]
fn explore() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bad_specs");
    let mut names: Vec<_> = fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.push("missing.json".into());
    names.sort();
    let only = std::env::var("ONLY").ok();
    for name in names {
        let name = name.to_string_lossy().into_owned();
        if only.as_deref().is_some_and(|o| !name.contains(o)) { continue; }
        let (dir, layout) = scratch();
        let options = RegenOptions { spec: Some(corpus.join(&name)), tag: Some("v1".into()), check: false, ..Default::default() };
        let start = std::time::Instant::now();
        let r = regen(&layout, &options);
        println!("=== {name} ({:?})", start.elapsed());
        match r {
            Ok(report) => {
                println!("OK\n{}", report.summary(false));
                let out = PathBuf::from("/tmp/explore").join(&name);
                fs::create_dir_all(&out).unwrap();
                for e in fs::read_dir(layout.generated_dir()).unwrap() {
                    let e = e.unwrap();
                    fs::copy(e.path(), out.join(e.file_name())).unwrap();
                }
            }
            Err(e) => println!("ERR {e:?}\n{e}"),
        }
        drop(dir);
    }
}
