//! `cargo xtask`: parses the flags and hands them to the command's module; see `cargo xtask --help`.

use clap::Parser;
use std::process::ExitCode;
use xtask::exit::{EXIT_BAD_INPUT, EXIT_OK};
use xtask::flags::{Cli, Command};
use xtask::layout::Layout;
use xtask::{bench, build_cost, fetch_spec, fuzz, parse_json, regen, stress, test_data};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_BAD_INPUT
            } else {
                EXIT_OK
            });
        }
    };
    let layout = cli
        .workspace
        .map_or_else(Layout::from_manifest_dir, Layout::new);
    match cli.command {
        Command::Regen(args) => regen::run(&layout, args),
        Command::Stress(args) => stress::run(&layout, args),
        Command::TestData(args) => test_data::run(&layout, args),
        Command::ParseJson(args) => parse_json::run(args),
        Command::Bench(args) => bench::run(&layout, args),
        Command::BuildCost(args) => build_cost::run(&layout, args),
        Command::FetchSpec(args) => fetch_spec::run(&layout, args),
        Command::Fuzz(args) => fuzz::run(&layout, args),
    }
}
