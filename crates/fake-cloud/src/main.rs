//! `partner-advisor-fake-cloud`: the fake cloud as a process, for end-to-end tests and
//! benchmarks. Prints `listening on http://127.0.0.1:PORT` on one line, then serves until
//! killed (or until its standard input closes, with `--exit-on-stdin-eof`).

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Duration;

use partner_advisor_fake_cloud::{Config, FakeCloud};

const USAGE: &str = "\
usage: partner-advisor-fake-cloud [options]
  --port P                 port on 127.0.0.1 (0, the default, picks a free one)
  --referrals N            referrals generated at start (default 250)
  --seed S                 seed of the generated data (default 1)
  --token-lifetime SECS    access token lifetime (default 3599)
  --forbid-tenant T        a tenant without admin consent (repeatable)
  --client-secret S        the app's client secret (default: the crate's CLIENT_SECRET)
  --client-id ID           the app's client id (default: the crate's CLIENT_ID)
  --partner-tenant T       the partner's tenant (default: the crate's PARTNER_TENANT)
  --now RFC3339            the clock of the generated data (default: now)
  --latency-ms MS          latency added to every request (default 0)
  --exit-on-stdin-eof      stop when standard input closes
";

/// The command line, parsed.
struct Args {
    config: Config,
    latency: Duration,
    exit_on_stdin_eof: bool,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut config = Config::default();
    let mut latency = Duration::ZERO;
    let mut exit_on_stdin_eof = false;
    while let Some(flag) = args.next() {
        let (flag, inline) = match flag.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (flag, None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        fn number<T: std::str::FromStr>(flag: &str, v: String) -> Result<T, String> {
            v.parse()
                .map_err(|_| format!("{flag}: '{v}' is not a number"))
        }
        match flag.as_str() {
            "--port" => config.port = number(&flag, value()?)?,
            "--referrals" => config.referrals = number(&flag, value()?)?,
            "--seed" => config.seed = number(&flag, value()?)?,
            "--token-lifetime" => {
                config.token_lifetime = Duration::from_secs(number(&flag, value()?)?)
            }
            "--forbid-tenant" => config.forbidden_tenants.push(value()?),
            "--client-secret" => config.client_secret = value()?,
            "--client-id" => config.client_id = value()?,
            "--partner-tenant" => config.partner_tenant = value()?,
            "--now" => {
                let v = value()?;
                let now = chrono::DateTime::parse_from_rfc3339(&v)
                    .map_err(|e| format!("--now: '{v}': {e}"))?;
                config = config.at(now.with_timezone(&chrono::Utc));
            }
            "--latency-ms" => latency = Duration::from_millis(number(&flag, value()?)?),
            "--exit-on-stdin-eof" => exit_on_stdin_eof = true,
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown option '{other}'")),
        }
    }
    Ok(Args {
        config,
        latency,
        exit_on_stdin_eof,
    })
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("partner-advisor-fake-cloud: {message}");
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let cloud = match FakeCloud::start(args.config) {
        Ok(cloud) => cloud,
        Err(e) => {
            eprintln!("partner-advisor-fake-cloud: cannot listen: {e}");
            return ExitCode::FAILURE;
        }
    };
    cloud.set_latency(args.latency);
    let mut out = std::io::stdout().lock();
    // The one line the tests wait for; flushed, as stdout is a pipe for them.
    if writeln!(out, "listening on {}", cloud.base_url())
        .and_then(|()| out.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    drop(out);
    if args.exit_on_stdin_eof {
        let mut sink = [0u8; 1024];
        let mut stdin = std::io::stdin().lock();
        while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
        return ExitCode::SUCCESS;
    }
    loop {
        std::thread::park();
    }
}
