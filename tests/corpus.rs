//! The real docs: when `../shared/corpus` is present, generate a crate from the v1.0 corpus and
//! from the modern sample, compile each, run its example tests, and check the figures against the
//! targets. The figures are printed and written to `target/corpus/figures.md`.
//!
//! The denominators are counted here, from the raw page text, by a scan much simpler than the
//! parser (headings, fences, annotation comments), so that the parser is not graded by itself.

use docgen::emit::CrateOptions;
use docgen::generate::generate;
use docgen::ir::{ApiVersion, Spec};
use docgen::load::LoadOptions;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

static ENDPOINT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(GET|POST|PUT|PATCH|DELETE)\s*(/?\S.*)$").expect("valid regex")
});
static BASE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^https?://[^/]+(/(v1\.0|beta))?").expect("valid regex"));
static REQUEST_ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)<!--\s*\{[^>]*?"blockType"\s*:\s*"request""#).expect("valid regex")
});
static TEST_RESULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"test result: \w+\. (\d+) passed; (\d+) failed").expect("valid regex")
});
static RUNNING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"Running (tests/\S+\.rs)").expect("valid regex"));

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace folder")
}

/// One corpus to put through the whole pipeline.
struct Corpus {
    name: &'static str,
    root: PathBuf,
    default_version: Option<ApiVersion>,
}

/// What the raw text of the pages holds, counted without docgen.
#[derive(Default)]
struct RawCounts {
    /// Every `METHOD /path` line in a fence under an `HTTP request` heading: (file, line) and
    /// (method, path without base URL nor query string).
    endpoint_lines: BTreeMap<(String, u32), (String, String)>,
    /// `request`-annotated blocks.
    request_annotations: usize,
}

/// Scan every page under `root/**/api/` for endpoint lines and request annotations.
fn count_raw(root: &Path) -> RawCounts {
    let mut counts = RawCounts::default();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            let in_api = relative.split('/').any(|f| f == "api");
            if !in_api || !relative.ends_with(".md") {
                continue;
            }
            let text =
                String::from_utf8_lossy(&std::fs::read(&path).expect("readable page")).into_owned();
            counts.request_annotations += REQUEST_ANNOTATION.find_iter(&text).count();
            scan_endpoint_lines(&relative, &text, &mut counts.endpoint_lines);
        }
    }
    counts
}

/// Lines of fences below a heading that starts with "HTTP request" (any case, any level), until
/// the next heading of the same or a higher level. Tab lines (`# [HTTP](#tab/http)`) are not headings.
fn scan_endpoint_lines(
    file: &str,
    text: &str,
    found: &mut BTreeMap<(String, u32), (String, String)>,
) {
    let mut section_level: Option<usize> = None;
    let mut in_fence = false;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            if let (Some(_), Some(c)) = (section_level, ENDPOINT_LINE.captures(line)) {
                let without_base = BASE_URL.replace(c[2].trim(), "");
                let path = without_base
                    .split('?')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                found.insert(
                    (
                        file.to_string(),
                        u32::try_from(index + 1).unwrap_or(u32::MAX),
                    ),
                    (c[1].to_string(), path),
                );
            }
            continue;
        }
        let level = trimmed.chars().take_while(|c| *c == '#').count();
        if level == 0 || trimmed.contains("](#tab/") || !trimmed[level..].starts_with(' ') {
            continue;
        }
        let title = trimmed[level..].trim().to_ascii_lowercase();
        if title.starts_with("http request") {
            section_level = Some(level);
        } else if section_level.is_some_and(|l| level <= l) {
            section_level = None;
        }
    }
}

/// Passed and failed counts of each test binary of a `cargo test` run.
fn test_results(output: &str) -> BTreeMap<String, (usize, usize)> {
    let mut results = BTreeMap::new();
    let mut current = None;
    for line in output.lines() {
        if let Some(c) = RUNNING.captures(line) {
            current = Some(c[1].to_string());
        } else if let Some(c) = TEST_RESULT.captures(line) {
            if let Some(binary) = current.take() {
                results.insert(
                    binary,
                    (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0)),
                );
            }
        }
    }
    results
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Everything measured on one corpus.
struct Figures {
    pages: usize,
    operations: usize,
    raw_endpoint_lines: usize,
    endpoint_lines_in_ir: usize,
    undocumented_endpoints: Vec<String>,
    request_annotations: usize,
    annotated_examples: usize,
    annotated_with_response: usize,
    annotated_bound: usize,
    warnings_compiling: usize,
    annotated_passed: usize,
    annotated_failed: usize,
    unannotated_passed: usize,
    unannotated_failed: usize,
    errors: usize,
    warnings: usize,
    models: usize,
    typed_tests: usize,
    untyped_fallbacks: usize,
    /// Lines of the generated `src/` (tests excluded) and endpoints in the IR.
    source_lines: usize,
    endpoints: usize,
    /// Areas (cargo features) and those whose library compiles alone without errors or warnings.
    areas: Vec<String>,
    areas_alone_clean: Vec<String>,
    /// The area whose tests are also built alone (`contacts` when there is one), and whether
    /// they compile without errors or warnings.
    tested_area: String,
    tested_area_clean: bool,
}

/// Lines of every `.rs` file under `dir`.
fn rust_lines(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            std::fs::read_to_string(e.path())
                .unwrap_or_default()
                .lines()
                .count()
        })
        .sum()
}

/// Whether `cargo check` with `args`, in the generated crate `out`, succeeds without warnings.
fn checks_clean(out: &Path, args: &[&str]) -> bool {
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--message-format", "short"])
        .args(args)
        .current_dir(out)
        .env("CARGO_TARGET_DIR", workspace().join("target/corpus-target"))
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Short messages read `file:line:col: warning: ...`; cargo's own start with the word.
    let clean = output.status.success()
        && !stderr.lines().any(|l| {
            l.starts_with("warning")
                || l.starts_with("error")
                || l.contains(": warning")
                || l.contains(": error")
        });
    if !clean {
        eprintln!("cargo check {args:?} in {}:\n{stderr}", out.display());
    }
    clean
}

fn measure(corpus: &Corpus) -> Figures {
    let raw = count_raw(&corpus.root);
    let out = workspace().join("target/corpus").join(corpus.name);
    let generation = generate(
        std::slice::from_ref(&corpus.root),
        &out,
        &LoadOptions {
            default_version: corpus.default_version,
        },
        &CrateOptions {
            crate_name: format!("graph-{}", corpus.name),
            runtime_path: workspace().join("runtime").to_string_lossy().into_owned(),
            standalone: true,
            areas: Vec::new(),
        },
    )
    .expect("the corpus crate is written");
    let spec: &Spec = &generation.spec;
    // A line is in the IR when its page has an endpoint with its method and path (variants of a
    // line that differ only in their query string are one endpoint).
    let ir_endpoints: BTreeSet<(String, String, String)> = spec
        .operations
        .iter()
        .flat_map(|o| {
            o.endpoints
                .iter()
                .map(|e| (o.source.clone(), e.method.clone(), e.path.clone()))
        })
        .collect();
    let lines_in_ir = raw
        .endpoint_lines
        .iter()
        .filter(|((file, _), (method, path))| {
            ir_endpoints.contains(&(file.clone(), method.clone(), path.clone()))
        })
        .count();
    let undocumented_endpoints = spec
        .operations
        .iter()
        .flat_map(|o| o.endpoints.iter().map(move |e| (o, e)))
        .filter(|(o, e)| {
            let text = std::fs::read_to_string(corpus.root.join(&o.source)).unwrap_or_default();
            let line = text.lines().nth(e.line as usize - 1).unwrap_or("");
            !(line.contains(&e.method) && line.contains(&e.path))
        })
        .map(|(o, e)| format!("{}:{}: {} {}", o.source, e.line, e.method, e.path))
        .collect();
    let annotated: Vec<_> = spec
        .operations
        .iter()
        .flat_map(|o| &o.examples)
        .filter(|e| e.annotated)
        .collect();
    // Compile and run the generated crate's tests with the workspace's pinned dependencies.
    std::fs::copy(workspace().join("Cargo.lock"), out.join("Cargo.lock")).expect("lock copied");
    let log_path = out.join("test-output.log");
    let log_file = std::fs::File::create(&log_path).expect("log created");
    let status = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--no-fail-fast"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", workspace().join("target/corpus-target"))
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .stdout(log_file.try_clone().expect("log handle"))
        .stderr(log_file)
        .status()
        .expect("cargo runs");
    let log = std::fs::read_to_string(&log_path).expect("log read");
    let compile_errors = log
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("error:"))
        .count();
    let results = test_results(&log);
    assert!(
        status.success() || !results.is_empty(),
        "the generated crate for {} does not compile; see {}",
        corpus.name,
        log_path.display()
    );
    let sum = |unannotated: bool| {
        results
            .iter()
            .filter(|(binary, _)| binary.contains("unannotated") == unannotated)
            .fold((0, 0), |(p, f), (_, (bp, bf))| (p + bp, f + bf))
    };
    let (annotated_passed, annotated_failed) = sum(false);
    let (unannotated_passed, unannotated_failed) = sum(true);
    // Every area must build alone: its paths, and every model they use.
    let areas: Vec<String> = docgen::select::areas(spec).into_iter().collect();
    let areas_alone_clean = areas
        .iter()
        .filter(|area| {
            checks_clean(
                &out,
                &["--lib", "--no-default-features", "--features", area],
            )
        })
        .cloned()
        .collect();
    let tested_area = if areas.iter().any(|a| a == "contacts") {
        "contacts".to_string()
    } else {
        areas.first().cloned().unwrap_or_default()
    };
    let tested_area_clean = checks_clean(
        &out,
        &[
            "--tests",
            "--no-default-features",
            "--features",
            &tested_area,
        ],
    );
    let diagnostics = generation.diagnostics();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == docgen::diagnostic::Severity::Error)
        .count();
    Figures {
        pages: spec.pages_read,
        operations: spec.operations.len(),
        raw_endpoint_lines: raw.endpoint_lines.len(),
        endpoint_lines_in_ir: lines_in_ir,
        undocumented_endpoints,
        request_annotations: raw.request_annotations,
        annotated_examples: annotated.len(),
        annotated_with_response: annotated.iter().filter(|e| e.response.is_some()).count(),
        annotated_bound: annotated.iter().filter(|e| e.binding.is_some()).count(),
        warnings_compiling: log.lines().filter(|l| l.starts_with("warning")).count()
            + compile_errors,
        annotated_passed,
        annotated_failed,
        unannotated_passed,
        unannotated_failed,
        errors,
        warnings: diagnostics.len() - errors,
        models: generation.stats.models,
        typed_tests: generation.stats.typed_tests,
        untyped_fallbacks: generation.stats.untyped_fallbacks,
        source_lines: rust_lines(&out.join("src")),
        endpoints: spec.operations.iter().map(|o| o.endpoints.len()).sum(),
        areas,
        areas_alone_clean,
        tested_area,
        tested_area_clean,
    }
}

fn report(name: &str, f: &Figures) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "## {name}\n");
    let _ = writeln!(text, "| figure | value | target |\n|---|---|---|");
    let mut row = |what: &str, value: String, target: &str| {
        let _ = writeln!(text, "| {what} | {value} | {target} |");
    };
    row(
        "pages read / operations",
        format!("{} / {}", f.pages, f.operations),
        "",
    );
    row(
        "endpoint lines in the IR",
        format!(
            "{} of {} ({:.1}%)",
            f.endpoint_lines_in_ir,
            f.raw_endpoint_lines,
            percent(f.endpoint_lines_in_ir, f.raw_endpoint_lines)
        ),
        ">= 99%",
    );
    row(
        "endpoints the page does not document",
        f.undocumented_endpoints.len().to_string(),
        "0",
    );
    row(
        "request annotations in the text / annotated examples in the IR",
        format!("{} / {}", f.request_annotations, f.annotated_examples),
        "",
    );
    row(
        "request-annotated examples in the IR with a response status",
        format!(
            "{} of {} ({:.1}%)",
            f.annotated_with_response,
            f.request_annotations.max(f.annotated_examples),
            percent(
                f.annotated_with_response,
                f.request_annotations.max(f.annotated_examples)
            )
        ),
        ">= 98%",
    );
    row(
        "annotated examples bound to an endpoint",
        format!(
            "{} of {} ({:.1}%)",
            f.annotated_bound,
            f.annotated_examples,
            percent(f.annotated_bound, f.annotated_examples)
        ),
        ">= 95%",
    );
    row(
        "compiler errors and warnings",
        f.warnings_compiling.to_string(),
        "0",
    );
    row(
        "annotated examples whose generated test passes",
        format!(
            "{} of {} ({:.1}%), {} failed",
            f.annotated_passed,
            f.request_annotations.max(f.annotated_examples),
            percent(
                f.annotated_passed,
                f.request_annotations.max(f.annotated_examples)
            ),
            f.annotated_failed
        ),
        ">= 90%",
    );
    row(
        "unannotated examples' tests",
        format!(
            "{} passed, {} failed",
            f.unannotated_passed, f.unannotated_failed
        ),
        "",
    );
    row("typed models", f.models.to_string(), "");
    row(
        "documented JSON bodies of typed responses that decode into the model and encode back unchanged",
        format!(
            "{} of {} ({:.1}%)",
            f.typed_tests,
            f.typed_tests + f.untyped_fallbacks,
            percent(f.typed_tests, f.typed_tests + f.untyped_fallbacks)
        ),
        ">= 95%",
    );
    row(
        "diagnostics",
        format!("{} errors, {} warnings", f.errors, f.warnings),
        "",
    );
    row(
        "generated lines (src/, tests excluded) per endpoint",
        format!(
            "{} / {} = {:.1}",
            f.source_lines,
            f.endpoints,
            f.source_lines as f64 / f.endpoints.max(1) as f64
        ),
        "< 40",
    );
    row(
        "areas (cargo features) whose library builds alone without warnings",
        format!(
            "{} of {}; tests of `{}` alone: {}",
            f.areas_alone_clean.len(),
            f.areas.len(),
            f.tested_area,
            if f.tested_area_clean {
                "clean"
            } else {
                "not clean"
            }
        ),
        "all",
    );
    text
}

#[test]
fn real_docs_go_through_with_the_target_figures() {
    let shared = workspace().join("../shared/corpus");
    if !shared.is_dir() {
        eprintln!(
            "corpus: {} is not present; nothing to measure",
            shared.display()
        );
        return;
    }
    let corpora = [
        Corpus {
            name: "v1",
            root: shared.join("graph-docs-v1.0-2021"),
            default_version: Some(ApiVersion::V1),
        },
        Corpus {
            name: "modern",
            root: shared.join("graph-docs-modern-sample/api-reference"),
            default_version: None,
        },
    ];
    let mut text = String::from("# Corpus figures\n\n");
    let mut failures = Vec::new();
    for corpus in &corpora {
        let figures = measure(corpus);
        text.push_str(&report(corpus.name, &figures));
        text.push('\n');
        let mut check = |ok: bool, what: &str| {
            if !ok {
                failures.push(format!("{}: {what}", corpus.name));
            }
        };
        check(
            percent(figures.endpoint_lines_in_ir, figures.raw_endpoint_lines) >= 99.0,
            "fewer than 99% of the endpoint lines are in the IR",
        );
        check(
            figures.undocumented_endpoints.is_empty(),
            &format!(
                "endpoints not on their line: {:?}",
                figures.undocumented_endpoints
            ),
        );
        check(
            percent(
                figures.annotated_with_response,
                figures.request_annotations.max(figures.annotated_examples),
            ) >= 98.0,
            "fewer than 98% of the request annotations are examples with a response",
        );
        check(
            percent(figures.annotated_bound, figures.annotated_examples) >= 95.0,
            "fewer than 95% of the annotated examples are bound",
        );
        check(
            figures.warnings_compiling == 0,
            "the generated crate has compiler errors or warnings",
        );
        check(
            percent(
                figures.annotated_passed,
                figures.request_annotations.max(figures.annotated_examples),
            ) >= 90.0,
            "fewer than 90% of the annotated examples have a passing test",
        );
        check(
            figures.annotated_failed == 0 && figures.unannotated_failed == 0,
            "some generated tests fail",
        );
        check(
            figures.source_lines < 40 * figures.endpoints,
            "40 or more generated lines per endpoint",
        );
        check(
            figures.areas_alone_clean.len() == figures.areas.len() && figures.tested_area_clean,
            "some area does not build alone without warnings",
        );
        check(
            percent(figures.typed_tests, figures.typed_tests + figures.untyped_fallbacks) >= 95.0,
            "fewer than 95% of the typed responses' documented bodies round-trip through their model",
        );
    }
    let path = workspace().join("target/corpus/figures.md");
    std::fs::write(&path, &text).expect("figures written");
    eprintln!("{text}");
    assert!(failures.is_empty(), "{}\n{text}", failures.join("\n"));
}
