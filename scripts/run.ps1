# Launches Partner Advisor on the bundled demo workspace on Windows, after checking prerequisites.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$missing = @()
if (-not (Get-Command cargo -ErrorAction SilentlyContinue)) { $missing += "Rust (cargo): https://rustup.rs (MSVC toolchain; it installs the Visual Studio C++ build tools)" }
if (-not (Get-Command npm -ErrorAction SilentlyContinue)) { $missing += "Node.js 20.19 or newer with npm: https://nodejs.org" }
$webview = Get-ItemProperty -ErrorAction SilentlyContinue "HKLM:\SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
if (-not $webview) { $missing += "Microsoft Edge WebView2 runtime: https://developer.microsoft.com/microsoft-edge/webview2/" }
if (-not (Get-Command perl -ErrorAction SilentlyContinue)) { $missing += "Perl (Strawberry Perl, to build the bundled OpenSSL): https://strawberryperl.com" }
if ($missing.Count -gt 0) {
  Write-Host "Partner Advisor needs these first:"
  $missing | ForEach-Object { Write-Host "  - $_" }
  exit 1
}
Push-Location ui; npm ci --no-audit --no-fund; npm run build; Pop-Location
cargo run --release -p partner-advisor-app --features vendored-openssl
