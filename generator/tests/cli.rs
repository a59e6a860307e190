//! The `docgen` binary: the `ir` JSON contract on the seed page, `check` output, diagnostics
//! rendered with their source lines, summary lines, `--help`, and exit codes.
//!
//! Standard streams are pipes here, so no progress bar is drawn and nothing is coloured unless
//! `--color always` asks.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Run docgen from the workspace root: exit code, stdout, stderr.
fn docgen(args: &[&str]) -> (i32, String, String) {
    docgen_in(&workspace(), args)
}

/// Run docgen from `dir`, without `NO_COLOR` so that only the streams decide colour.
fn docgen_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("docgen runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn ir_of_the_seed_page_has_its_two_endpoints_204_and_one_example() {
    let page = "docs-input/beta/api/contact-permanentdelete.md";
    let (code, stdout, stderr) = docgen(&["ir", page]);
    assert_eq!(code, 0, "{stderr}");
    let ir: Value = serde_json::from_str(&stdout).expect("IR is JSON");
    let operations = ir["operations"].as_array().expect("operations");
    assert_eq!(operations.len(), 1);
    let operation = &operations[0];
    assert_eq!(operation["source"], page);
    let endpoints: Vec<(&str, &str)> = operation["endpoints"]
        .as_array()
        .expect("endpoints")
        .iter()
        .map(|e| {
            (
                e["method"].as_str().unwrap_or(""),
                e["path"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        endpoints,
        [
            ("POST", "/users/{usersId}/contacts/{contactId}/permanentDelete"),
            (
                "POST",
                "/users/{usersId}/contactFolders/{contactFolderId}/contacts/{contactId}/permanentDelete"
            ),
        ]
    );
    let statuses: Vec<&Value> = operation["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .map(|r| &r["status"])
        .collect();
    assert_eq!(statuses, [&Value::from(204)]);
    assert_eq!(operation["body"]["kind"], "none");
    let examples = operation["examples"].as_array().expect("examples");
    assert_eq!(examples.len(), 1);
    assert_eq!(examples[0]["request"]["method"], "POST");
    assert_eq!(
        examples[0]["request"]["url"],
        "https://graph.microsoft.com/beta/users/{usersId}/contacts/{contactId}/permanentDelete"
    );
    assert_eq!(examples[0]["response"]["status"], 204);
    assert_eq!(ir["diagnostics"], Value::Array(Vec::new()));
    assert_eq!(
        stderr,
        "docgen: 1 pages, 1 operations, 2 endpoints, 0 types, 0 enums, 1 examples; 0 errors, 0 warnings\n"
    );
}

#[test]
fn ir_of_a_folder_uses_paths_relative_to_it_and_reports_diagnostics() {
    let dir = tree("a.md", ANNOTATION_PAGE);
    let root = dir.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) = docgen(&["ir", &root]);
    assert_eq!(
        code, 1,
        "an annotation that cannot be read is an error: {stderr}"
    );
    let ir: Value = serde_json::from_str(&stdout).expect("IR is JSON");
    assert_eq!(ir["operations"][0]["source"], "v1.0/api/a.md");
    let examples = &ir["operations"][0]["examples"];
    assert_eq!(
        examples[0]["response"]["status"], 200,
        "a response annotation read by pattern still pairs"
    );
    assert_eq!(examples[1]["response"], Value::Null);
    let diagnostics = ir["diagnostics"].as_array().expect("diagnostics");
    let lines: Vec<(i64, &str)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["line"].as_i64().unwrap_or(0),
                d["severity"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        lines.contains(&(13, "warning")),
        "repaired annotation: {diagnostics:?}"
    );
    assert!(
        lines.contains(&(18, "error")),
        "unreadable annotation: {diagnostics:?}"
    );
    assert!(
        lines.contains(&(24, "warning")),
        "request without response: {diagnostics:?}"
    );
    assert!(diagnostics.iter().all(|d| d["file"] == "v1.0/api/a.md"));
    assert_no_colour(&stderr);
    assert_rendered(
        &stderr,
        "error[annotation-json]: annotation is not valid JSON",
        "v1.0/api/a.md:18",
        "<!-- { \"blockType\": \"response\" -->",
    );
    assert_eq!(
        stderr.lines().last(),
        Some("docgen: 1 pages, 1 operations, 1 endpoints, 0 types, 0 enums, 2 examples; 1 errors, 2 warnings (annotation-json 2, unpaired-request 1)"),
        "{stderr}"
    );
}

/// A page whose first annotation needs repair, whose response annotation cannot be read, and
/// whose last request has no response.
const ANNOTATION_PAGE: &str = "# A\n\n## HTTP request\n\n```http\nGET /me\n```\n\n## Response\n\nReturns `200 OK`.\n\n<!-- { \"blockType\": \"request\", } -->\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n\n<!-- { \"blockType\": \"response\" -->\n```http\nHTTP/1.1 200 OK\n```\n\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```\n";

/// A page with a request body that is not JSON, a name used twice and an undocumented status.
const BAD_PAGE: &str = "# Create thing\n\n## HTTP request\n\n```http\nPOST /things\n```\n\n## Response\n\nReturns `201 Created`.\n\n<!-- { \"blockType\": \"request\", \"name\": \"create_thing\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/things\nContent-Type: application/json\n\n{ \"name\": \"a\", }\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n```\n\n<!-- { \"blockType\": \"request\", \"name\": \"create_thing\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/things\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 201 Created\n```\n";

/// A docs tree holding `text` as `v1.0/api/<name>`.
fn tree(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let api = dir.path().join("v1.0/api");
    std::fs::create_dir_all(&api).expect("mkdir");
    std::fs::write(api.join(name), text).expect("write");
    dir
}

/// A docs tree holding [`BAD_PAGE`] as `v1.0/api/thing-create.md`.
fn bad_tree() -> tempfile::TempDir {
    tree("thing-create.md", BAD_PAGE)
}

/// Assert that `output` shows a diagnostic starting `header`, then `--> <location>:<column>`,
/// then the source line as `<line> | <source>`, where `location` is `file:line`.
fn assert_rendered(output: &str, header: &str, location: &str, source: &str) {
    let lines: Vec<&str> = output.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(header))
        .unwrap_or_else(|| panic!("no `{header}` in:\n{output}"));
    let line = location.rsplit(':').next().expect("file:line");
    assert!(
        lines[at + 1]
            .trim_start()
            .starts_with(&format!("--> {location}:")),
        "no `--> {location}:` under `{header}` in:\n{output}"
    );
    assert_eq!(
        lines[at + 3],
        format!("{line} | {source}"),
        "source line of `{header}` in:\n{output}"
    );
}

/// Assert that no ANSI escape sequence was written.
fn assert_no_colour(output: &str) {
    assert!(!output.contains('\x1b'), "ANSI escapes in:\n{output:?}");
}

#[test]
fn help_of_docgen_and_of_each_command_explains_the_options_and_exit_statuses() {
    let common = [
        "Exit status:\n  0  no page has an error",
        "\n  1  some page has an error",
        "\n  2  docgen could not run",
        "Examples:\n",
        "--color <WHEN>",
        "--max-diagnostics <N>",
        "[default: 50]",
    ];
    let per_command: [(&[&str], &[&str]); 4] = [
        (&["--help"], &["With no command, regenerates `generated/`"]),
        (
            &["ir", "--help"],
            &[
                "<PATH>...",
                "--api-version <VERSION>",
                "[possible values: v1.0, beta]",
            ],
        ),
        (
            &["generate", "--help"],
            &[
                "<ROOT>",
                "--out <DIR>",
                "--crate-name <NAME>",
                "[default: graph-client]",
                "--runtime-path <PATH>",
                "[default: ../runtime]",
                "--standalone",
                "--api-version <VERSION>",
            ],
        ),
        (
            &["check", "--help"],
            &[
                "<ROOT>...",
                "--format <FORMAT>",
                "[default: text]",
                "short: A `file:line: severity[kind]: message` line per finding",
                "--api-version <VERSION>",
            ],
        ),
    ];
    for (args, expected) in per_command {
        let (code, stdout, stderr) = docgen(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        for text in common.iter().chain(expected) {
            assert!(stdout.contains(text), "{args:?}: no `{text}` in:\n{stdout}");
        }
    }
}

#[test]
fn bad_arguments_exit_2() {
    let dir = bad_tree();
    let root = dir.path().to_string_lossy().into_owned();
    for args in [
        vec!["check", &root, "--format", "xml"],
        vec!["ir", "--api-version", "v2.0", &root],
        vec!["check"],
        vec!["frobnicate"],
        vec!["check", &root, "--max-diagnostics", "-1"],
    ] {
        let (code, stdout, stderr) = docgen(&args);
        assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    }
}

#[test]
fn generate_without_a_docs_folder_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing");
    let out = dir.path().join("out");
    let (code, _, stderr) = docgen(&[
        "generate",
        &missing.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not found"), "{stderr}");
}

#[test]
fn ir_of_a_path_that_does_not_exist_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.md");
    let (code, stdout, stderr) = docgen(&["ir", &missing.to_string_lossy()]);
    assert_eq!(code, 2, "{stdout}");
    assert_eq!(stdout, "", "no IR when docgen cannot run");
    assert!(stderr.contains("not found"), "{stderr}");
}

#[test]
fn generate_shows_diagnostics_with_their_source_lines_and_ends_with_a_summary() {
    let dir = tree("a.md", ANNOTATION_PAGE);
    let out = tempfile::tempdir().expect("temp dir");
    let out = out.path().join("crate");
    let (code, stdout, stderr) = docgen(&[
        "generate",
        &dir.path().to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(code, 1, "an unreadable annotation is an error: {stderr}");
    assert_eq!(stdout, "");
    assert_no_colour(&stderr);
    assert_rendered(
        &stderr,
        "warning[annotation-json]: annotation is not valid JSON (trailing comma)",
        "v1.0/api/a.md:13",
        "<!-- { \"blockType\": \"request\", } -->",
    );
    assert_rendered(
        &stderr,
        "error[annotation-json]:",
        "v1.0/api/a.md:18",
        "<!-- { \"blockType\": \"response\" -->",
    );
    let summary = stderr.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("docgen: 1 pages, 1 operations, 1 endpoints,"),
        "{stderr}"
    );
    assert!(
        summary.ends_with(&format!("removed in {}", out.display())),
        "{stderr}"
    );
    assert!(out.join("Cargo.toml").is_file(), "the crate is written");
}

/// Copy the folder `from` to `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn plain_docgen_regenerates_generated_from_docs_input_and_exits_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(
        &workspace().join("docs-input"),
        &dir.path().join("docs-input"),
    );
    let (code, stdout, stderr) = docgen_in(dir.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    let summary = stderr.lines().last().unwrap_or_default();
    assert!(summary.starts_with("docgen: "), "{stderr}");
    assert!(summary.contains("; 0 errors, "), "{stderr}");
    assert!(summary.ends_with(" removed in generated"), "{stderr}");
    assert!(dir.path().join("generated/Cargo.toml").is_file());

    let empty = tempfile::tempdir().expect("temp dir");
    let (code, _, stderr) = docgen_in(empty.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("error: docs folder `docs-input` not found"),
        "{stderr}"
    );
}

#[test]
fn check_renders_each_finding_with_its_source_line_then_the_counts_and_exits_1() {
    let dir = bad_tree();
    let (code, stdout, stderr) = docgen(&["check", &dir.path().to_string_lossy()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert_no_colour(&stdout);
    assert_no_colour(&stderr);
    assert_rendered(
        &stdout,
        "error[example-json]: the example request body is not valid JSON: trailing comma at line 1 column 16 of the body",
        "v1.0/api/thing-create.md:14",
        "```http",
    );
    assert_rendered(
        &stdout,
        "warning[duplicate-example-name]: request example name `create_thing` is already used at v1.0/api/thing-create.md:14",
        "v1.0/api/thing-create.md:27",
        "```http",
    );
    assert!(
        stdout.ends_with(concat!(
            "\n\n",
            "kind                    errors  warnings\n",
            "duplicate-example-name       0         1\n",
            "example-json                 1         0\n",
            "status-mismatch              0         1\n",
            "total                        1         2  (1 pages read, 1 operations, 2 examples)\n",
        )),
        "{stdout}"
    );
    assert_eq!(
        stderr,
        "docgen: checked 1 pages, 1 operations, 2 examples; 1 errors, 2 warnings (duplicate-example-name 1, example-json 1, status-mismatch 1)\n"
    );
}

#[test]
fn check_short_prints_each_finding_on_one_line_and_a_table_of_counts() {
    let dir = bad_tree();
    let root = dir.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) = docgen(&["check", &root, "--format", "short"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert_eq!(
        stdout,
        concat!(
            "v1.0/api/thing-create.md:14: error[example-json]: the example request body is not valid JSON: trailing comma at line 1 column 16 of the body\n",
            "v1.0/api/thing-create.md:14: warning[status-mismatch]: the example response status 200 is not among the documented ones (201)\n",
            "v1.0/api/thing-create.md:27: warning[duplicate-example-name]: request example name `create_thing` is already used at v1.0/api/thing-create.md:14\n",
            "\n",
            "kind                    errors  warnings\n",
            "duplicate-example-name       0         1\n",
            "example-json                 1         0\n",
            "status-mismatch              0         1\n",
            "total                        1         2  (1 pages read, 1 operations, 2 examples)\n",
        )
    );
}

#[test]
fn max_diagnostics_keeps_errors_first_and_counts_the_rest() {
    let dir = bad_tree();
    let root = dir.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) = docgen(&["check", &root, "--max-diagnostics", "1"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let headers: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .collect();
    assert_eq!(headers.len(), 1, "{stdout}");
    assert!(headers[0].starts_with("error[example-json]"), "{stdout}");
    assert!(
        stdout.lines().any(|l| l
            == "... and 2 more (0 errors, 2 warnings): `--format short` lists them all, one line each"),
        "{stdout}"
    );
    assert!(
        stdout.contains("total                        1         2"),
        "the table counts every finding: {stdout}"
    );
    assert!(
        stderr.contains("1 errors, 2 warnings"),
        "the summary counts every finding: {stderr}"
    );

    let (_, all, _) = docgen(&["check", &root, "--max-diagnostics", "0"]);
    let shown = all
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .count();
    assert_eq!(shown, 3, "{all}");
    assert!(!all.contains("... and"), "{all}");
}

#[test]
fn color_always_colours_even_a_pipe_and_never_does_not() {
    let dir = bad_tree();
    let root = dir.path().to_string_lossy().into_owned();
    let (_, coloured, _) = docgen(&["--color", "always", "check", &root]);
    assert!(
        coloured.contains("\x1b[") && coloured.contains("error[example-json]\x1b[0m"),
        "{coloured:?}"
    );
    let (_, plain, _) = docgen(&["check", &root, "--color", "never"]);
    assert_no_colour(&plain);
}

#[test]
fn check_as_json_has_the_totals_diagnostics_and_counts() {
    let dir = bad_tree();
    let root = dir.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) = docgen(&["check", &root, "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("the report is one JSON document");
    assert_eq!(report["pages_read"], 1);
    assert_eq!(report["operations"], 1);
    assert_eq!(report["examples"], 2);
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 3, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["kind"], "example-json");
    assert_eq!(diagnostics[0]["severity"], "error");
    assert_eq!(diagnostics[0]["line"], 14);
    assert_eq!(
        report["counts"],
        serde_json::json!([
            { "kind": "duplicate-example-name", "errors": 0, "warnings": 1 },
            { "kind": "example-json", "errors": 1, "warnings": 0 },
            { "kind": "status-mismatch", "errors": 0, "warnings": 1 },
        ])
    );
    assert!(
        stderr.starts_with("docgen: checked 1 pages,"),
        "the summary goes to stderr: {stderr}"
    );
}

#[test]
fn check_of_docs_input_finds_no_error() {
    let docs = workspace().join("docs-input");
    let (code, stdout, stderr) = docgen(&["check", &docs.to_string_lossy()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.lines().any(|l| l.starts_with("total ")), "{stdout}");
    assert!(stderr.contains("; 0 errors, "), "{stderr}");
}

#[test]
fn check_without_the_docs_folder_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing");
    let (code, stdout, stderr) = docgen(&["check", &missing.to_string_lossy()]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("not found"), "{stderr}");
}

#[test]
fn generate_with_areas_keeps_those_areas_and_refuses_unknown_ones() {
    let out = tempfile::tempdir().expect("temp dir");
    let out_dir = out.path().to_string_lossy().into_owned();
    let (code, _, stderr) = docgen(&[
        "generate",
        "docs-input",
        "--out",
        &out_dir,
        "--area",
        "contacts",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let manifest = std::fs::read_to_string(out.path().join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains("full = [\"contacts\"]"), "{manifest}");
    assert!(manifest.contains("\ncontacts = []\n"), "{manifest}");

    let (code, _, stderr) = docgen(&[
        "generate",
        "docs-input",
        "--out",
        &out_dir,
        "--area",
        "contcts",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the pages have no area `contcts`; their areas are: contacts"),
        "{stderr}"
    );
}
