//! Runs a process to its end and reads its peak memory: the largest resident set of it and of
//! every process it waited for (for a build, the biggest rustc or build script), from
//! `wait4`'s `ru_maxrss` on Unix; unknown elsewhere.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};

/// How a process ended.
pub(super) struct Finished {
    pub status: ExitStatus,
    pub stderr: String,
    /// Bytes; `None` where the platform does not say.
    pub peak_rss: Option<u64>,
}

/// Runs `command` (its stdout discarded, its stderr kept) and waits for it.
pub(super) fn run(command: &mut Command) -> std::io::Result<Finished> {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    // Read stderr while the process runs, so that a full pipe cannot block it.
    let mut pipe = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = pipe.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    let (status, peak_rss) = wait(child)?;
    let stderr = reader.join().unwrap_or_default();
    Ok(Finished {
        status,
        stderr,
        peak_rss,
    })
}

#[cfg(unix)]
fn wait(child: std::process::Child) -> std::io::Result<(ExitStatus, Option<u64>)> {
    use std::os::unix::process::ExitStatusExt;
    let pid = libc::pid_t::try_from(child.id()).map_err(std::io::Error::other)?;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero `rusage` is a valid value (plain integers and timevals).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our child, not yet reaped (std reaps only in `wait`, which is not
        // called); `status` and `usage` are valid for writes.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    // Linux reports kibibytes, macOS bytes.
    let unit: u64 = if cfg!(target_os = "macos") { 1 } else { 1024 };
    let peak = u64::try_from(usage.ru_maxrss).ok().map(|v| v * unit);
    Ok((ExitStatus::from_raw(status), peak))
}

#[cfg(not(unix))]
fn wait(mut child: std::process::Child) -> std::io::Result<(ExitStatus, Option<u64>)> {
    Ok((child.wait()?, None))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_peak_of_a_process_that_holds_memory_is_at_least_what_it_held() {
        // `sort` must hold its one 64 MiB line; it is a grandchild, waited for by `sh`.
        let mut command = Command::new("sh");
        command.args([
            "-c",
            "dd if=/dev/zero bs=1048576 count=64 2>/dev/null | sort > /dev/null",
        ]);
        let finished = run(&mut command).unwrap();
        assert!(finished.status.success(), "{}", finished.stderr);
        let peak = finished.peak_rss.expect("Unix says");
        assert!(peak >= 64 << 20, "peak {peak} bytes");
    }
}
