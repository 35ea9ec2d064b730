//! Code blocks coloured by their language, as the client colours them: comments, strings,
//! numbers and keywords for the languages the rich-text page lists (case-insensitive); a block
//! without a language or with one the page does not list is plain text, the page's default.

use card_validate::spec::CODE_LANGUAGES;

use crate::html::{El, Node};

/// Words coloured as keywords in every listed language that has them (a shared list: a word
/// that is a keyword in one language is rarely a plain name in another's snippets).
const KEYWORDS: &[&str] = &[
    "abstract",
    "and",
    "as",
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "def",
    "default",
    "defer",
    "del",
    "do",
    "elif",
    "else",
    "enum",
    "except",
    "export",
    "extends",
    "false",
    "False",
    "fi",
    "final",
    "finally",
    "fn",
    "for",
    "from",
    "func",
    "function",
    "go",
    "if",
    "impl",
    "implements",
    "import",
    "in",
    "interface",
    "is",
    "lambda",
    "let",
    "local",
    "loop",
    "match",
    "mod",
    "module",
    "mut",
    "new",
    "nil",
    "None",
    "not",
    "null",
    "or",
    "package",
    "private",
    "protected",
    "pub",
    "public",
    "raise",
    "return",
    "self",
    "static",
    "struct",
    "super",
    "switch",
    "then",
    "this",
    "throw",
    "throws",
    "trait",
    "true",
    "True",
    "try",
    "type",
    "typeof",
    "use",
    "val",
    "var",
    "void",
    "where",
    "while",
    "with",
    "yield",
];

/// SQL's keywords, compared without case.
const SQL_KEYWORDS: &[&str] = &[
    "select", "from", "where", "and", "or", "not", "insert", "into", "values", "update", "set",
    "delete", "create", "table", "drop", "alter", "join", "left", "right", "inner", "outer", "on",
    "group", "by", "order", "having", "limit", "as", "distinct", "union", "null", "is", "in",
    "like", "between", "case", "when", "then", "else", "end", "with", "desc", "asc", "count",
];

/// How each language family writes comments: line starters and a block pair.
fn comments(
    lang: &str,
) -> (
    &'static [&'static str],
    Option<(&'static str, &'static str)>,
) {
    match lang {
        "python" | "ruby" | "bash" | "shell" | "perl" | "r" | "yaml" | "toml" | "makefile"
        | "cmake" | "docker_file" | "nginx" | "powershell" | "properties" | "julia"
        | "coffee_script" | "apache" | "graphql" | "gherkin" | "http" => (&["#"], None),
        "sql" => (&["--"], Some(("/*", "*/"))),
        "lua" | "haskell" | "ada" => (&["--"], None),
        "matlab" | "latex" | "erlang" | "prolog" => (&["%"], None),
        "lisp" | "scheme" | "assembly" => (&[";"], None),
        "vbscript" | "visual_basic" => (&["'"], None),
        "css" => (&[], Some(("/*", "*/"))),
        "html" | "xml" | "htmlbars" | "markdown" => (&[], Some(("<!--", "-->"))),
        "json" => (&[], None),
        _ => (&["//"], Some(("/*", "*/"))),
    }
}

/// A code block as nodes: coloured spans and plain text.
pub(crate) fn tokens(code: &str, lang: &str) -> Vec<Node> {
    let lang = lang
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if lang.is_empty() || lang == "plain_text" || !CODE_LANGUAGES.contains(&lang.as_str()) {
        return vec![Node::Text(code.to_owned())];
    }
    if lang == "diff" {
        return diff(code);
    }
    let (line_marks, block_marks) = comments(&lang);
    let quotes: &[char] = match lang.as_str() {
        "vbscript" | "visual_basic" => &['"'],
        "javascript" | "typescript" | "go" => &['"', '\'', '`'],
        _ => &['"', '\''],
    };
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(c) = rest.chars().next() {
        if let Some((open, close)) = block_marks.filter(|(o, _)| rest.starts_with(o)) {
            let end = rest[open.len()..]
                .find(close)
                .map_or(rest.len(), |i| open.len() + i + close.len());
            out.push(span("comment", &rest[..end]));
            rest = &rest[end..];
        } else if line_marks.iter().any(|m| rest.starts_with(m)) {
            let end = rest.find('\n').unwrap_or(rest.len());
            out.push(span("comment", &rest[..end]));
            rest = &rest[end..];
        } else if quotes.contains(&c) {
            let end = string_end(rest, c);
            out.push(span("string", &rest[..end]));
            rest = &rest[end..];
        } else if c.is_ascii_digit() {
            let end = rest
                .find(|x: char| !(x.is_ascii_alphanumeric() || x == '.' || x == '_'))
                .unwrap_or(rest.len());
            out.push(span("number", &rest[..end]));
            rest = &rest[end..];
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let end = rest
                .find(|x: char| !(x.is_alphanumeric() || x == '_' || x == '$'))
                .unwrap_or(rest.len());
            let word = &rest[..end];
            let keyword = if lang == "sql" {
                SQL_KEYWORDS.contains(&word.to_ascii_lowercase().as_str())
            } else {
                KEYWORDS.contains(&word)
            };
            if keyword {
                out.push(span("keyword", word));
            } else {
                out.push(Node::Text(word.to_owned()));
            }
            rest = &rest[end..];
        } else {
            out.push(Node::Text(rest[..c.len_utf8()].to_owned()));
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Where a string opened by `quote` at the start of `s` ends: after its closing quote (a
/// backslash escapes), or at the end of the line.
fn string_end(s: &str, quote: char) -> usize {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            '\n' if quote != '`' => return i,
            '\\' if !escaped => escaped = true,
            c if c == quote && !escaped => return i + c.len_utf8(),
            _ => escaped = false,
        }
    }
    s.len()
}

/// A diff: added lines green, removed red, hunk headers blue.
fn diff(code: &str) -> Vec<Node> {
    code.split_inclusive('\n')
        .map(|line| match line.as_bytes().first() {
            Some(b'+') => span("added", line),
            Some(b'-') => span("removed", line),
            Some(b'@') => span("keyword", line),
            _ => Node::Text(line.to_owned()),
        })
        .collect()
}

fn span(class: &str, text: &str) -> Node {
    El::new("span")
        .class(&format!("c-{class}"))
        .text(text)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code block's HTML (inside `<code>`): coloured when `lang` is a listed language.
    fn block(code: &str, lang: &str) -> String {
        let mut out = String::with_capacity(code.len() * 2);
        crate::html::write_all(&tokens(code, lang), &mut out);
        out
    }

    #[test]
    fn listed_languages_are_coloured_and_others_are_plain() {
        let rust = block("// hi\nlet s = \"a\\\"b\"; let n = 42;\n", "Rust");
        assert!(
            rust.starts_with("<span class=\"c-comment\">// hi</span>"),
            "{rust}"
        );
        assert!(
            rust.contains("<span class=\"c-keyword\">let</span> s = "),
            "{rust}"
        );
        assert!(
            rust.contains("<span class=\"c-string\">&quot;a\\&quot;b&quot;</span>"),
            "{rust}"
        );
        assert!(
            rust.contains("<span class=\"c-number\">42</span>"),
            "{rust}"
        );
        let py = block("def f(x):  # <b>\n    return 'x'\n", "python");
        assert!(
            py.contains("<span class=\"c-comment\"># &lt;b&gt;</span>"),
            "{py}"
        );
        assert!(
            py.contains("<span class=\"c-string\">&#39;x&#39;</span>"),
            "{py}"
        );
        let sql = block("SELECT id FROM t -- all", "SQL");
        assert!(
            sql.contains("<span class=\"c-keyword\">SELECT</span>"),
            "{sql}"
        );
        assert!(
            sql.contains("<span class=\"c-comment\">-- all</span>"),
            "{sql}"
        );
        let d = block("@@ -1 +1 @@\n-a\n+b\n c\n", "diff");
        assert!(
            d.contains(
                "<span class=\"c-removed\">-a\n</span><span class=\"c-added\">+b\n</span> c"
            ),
            "{d}"
        );
        // No language, plain_text or an unlisted name: escaped text only.
        for lang in ["", "plain_text", "py", "brainfuck"] {
            assert_eq!(block("let <x> = 1;", lang), "let &lt;x&gt; = 1;", "{lang}");
        }
        // An unclosed string or block comment ends with the block, not in a panic.
        assert!(block("\"abc", "c").contains("c-string"));
        assert!(block("/* abc", "java").contains("c-comment"));
        assert_eq!(
            block("ü \"é", "go"),
            "ü <span class=\"c-string\">&quot;é</span>"
        );
    }
}
