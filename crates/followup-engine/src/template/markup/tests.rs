use super::*;
use crate::template::Template;

fn checked(source: &str) -> Result<Vec<Node>, Problem> {
    let template = Template::parse(source, "templates.first.html", &|_: &str| Ok(())).unwrap();
    check(&template.nodes, "templates.first.html")
}

fn refused(source: &str) -> String {
    let problem = checked(source).expect_err(source);
    assert_eq!(problem.code, ProblemCode::UnsafeTemplate, "{source}");
    assert_eq!(problem.path, "templates.first.html");
    problem.message
}

#[test]
fn markup_outside_the_allowlist_is_refused() {
    for (source, says) in [
        ("<svg/onload=alert(1)>", "`<svg>` is not allowed"),
        ("<p>{{a}}</p><script>alert(1)</script>", "`<script>` is not allowed"),
        ("<style>p{color:red}</style>", "`<style>`"),
        ("<base href=\"https://evil.test/\">", "`<base>`"),
        ("<link rel=stylesheet href=\"https://evil.test/x.css\">", "`<link>`"),
        (
            "<img src=x onerror=\"alert(1)\">",
            "`onerror` of `<img>` is not allowed in an email template (event handlers",
        ),
        ("<img src=x ONERROR = 'alert(1)'>", "`onerror`"),
        ("<p/onclick=x>", "`onclick`"),
        ("<a href=\"javascript:alert(1)\">x</a>", "the scheme `javascript:`"),
        ("<a href=\"jav&#x61;script:alert(1)\">x</a>", "the scheme `javascript:`"),
        ("<a href=\"jav&#97script:alert(1)\">x</a>", "the scheme `javascript:`"),
        ("<a href=\"jav\tascript:alert(1)\">x</a>", "the scheme `javascript:`"),
        ("<a href=\"java&Tab;script:alert(1)\">x</a>", "the scheme `javascript:`"),
        ("<a href=\" \u{1}javascript:x\">x</a>", "the scheme `javascript:`"),
        ("<a href=\"javascript&colon;x\">x</a>", "the scheme `javascript:`"),
        ("<a href=javascript:x>x</a>", "the scheme `javascript:`"),
        ("<a href=\"data:text/html,<script>x</script>\">x</a>", "the scheme `data:`"),
        ("<img src=\"vbscript:x\">", "the scheme `vbscript:`"),
        ("<a href=\"&jopf;avascript:x\">x</a>", "character reference"),
        ("<a href=\"{{case.title}}\">x</a>", "a placeholder starts the URL"),
        ("<a href=\"java{{case.title}}\">x</a>", "a placeholder starts the URL"),
        ("<p title={{case.title}}>x</p>", "without quotes"),
        ("<p {{case.title}}>x</p>", "inside an HTML tag"),
        ("<p title=\"x\" {{case.title}}>x</p>", "inside an HTML tag"),
        ("<{{case.title}}>", "a placeholder"),
        ("<p style=\"color: {{case.title}}\">x</p>", "`style` attribute"),
        ("<p style=\"background:url(https://evil.test/x)\">x</p>", "`url(`"),
        ("<p style=\"width: expression(alert(1))\">x</p>", "`expression`"),
        ("<p title=\"a > {{case.title}}\" style=\"x:{{case.title}}\">", "`style` attribute"),
        ("<!-- {{case.title}} -->", "inside an HTML comment"),
        ("<!--[if mso]><script>x</script><![endif]-->", "conditional comments"),
        ("<!DOCTYPE html><p>x</p>", "not a comment"),
        ("<![CDATA[x]]>", "not a comment"),
        ("<?xml x?>", "processing instruction"),
        ("<p title=\"x", "ends inside an HTML tag"),
        ("<p>{{#if case.title}}<a {{/if}}href=\"https://x.com\">", "may only stand between tags"),
        ("<iframe src=\"https://x.com\"></iframe>", "`<iframe>`"),
        ("<form action=\"https://x.com\"><input></form>", "`<form>`"),
        ("<meta http-equiv=refresh content=\"0;url=https://evil.test\">", "`<meta>`"),
        ("<math><mtext><a href=x>", "`<math>`"),
        ("<a xlink:href=\"javascript:x\">", "`xlink:href`"),
        ("<a href=\"https://x.com\" formaction=\"javascript:x\">", "`formaction`"),
        ("<div id=\"x\" name=\"y\">", "`id`"),
        ("</script>", "`</script>`"),
        ("<img srcset=\"javascript:x 1x\">", "`srcset`"),
        ("<blockquote cite=\"javascript:x\">", "`cite` of `<blockquote>`"),
    ] {
        let message = refused(source);
        assert!(message.contains(says), "{source}: {message}");
    }
}

#[test]
fn allowed_markup_passes_and_placeholders_get_their_context() {
    let nodes = checked(
        "<p style=\"color: red\" title=\"About {{case.title}}\">Hello {{customer.name}} &eacute;, <a title=\"caf&eacute;\" href=\"https://contoso.com/cases/{{case.number}}?x=1&amp;y=2\" target=\"_blank\">case</a> <a href=\"mailto:{{sender.address}}\">mail</a></p><!-- note --><br/><img src=\"https://contoso.com/logo.png\" alt=\"\"><a href=\"/help\">help</a>{{#if a}}<b>{{a}}</b>{{else}}<i>none</i>{{/if}}",
    )
    .unwrap();
    let contexts: Vec<&str> = nodes
        .iter()
        .filter_map(|node| match node {
            Node::Insert(_) => Some("text"),
            Node::InAttribute { url: false, .. } => Some("attribute"),
            Node::InAttribute { url: true, .. } => Some("url"),
            _ => None,
        })
        .collect();
    assert_eq!(contexts, vec!["attribute", "text", "url", "url"]);
}

#[test]
fn urls_are_read_as_browsers_read_them() {
    assert!(matches!(url_scheme("HTTPS://x"), Scheme::Allowed));
    assert!(matches!(url_scheme("\u{0}\u{1} mailto:a@b.com"), Scheme::Allowed));
    assert!(matches!(url_scheme("/path:x"), Scheme::Open));
    assert!(matches!(url_scheme("?q=a:b"), Scheme::Open));
    assert!(matches!(url_scheme("j\na\rv\ta:x"), Scheme::Refused(ref scheme) if scheme == "java"));
    assert_eq!(decode_references("a&#x3A;b&#58c&amp;d& e").as_deref(), Some("a:b:c&d& e"));
    assert_eq!(decode_references("&#0;&#x110000;").as_deref(), Some("\u{FFFD}\u{FFFD}"));
    assert_eq!(decode_references("&jopf;"), None);
}
