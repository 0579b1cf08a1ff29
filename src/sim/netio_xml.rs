//! The XML face of the simulated NETIO socket (protocols/netio-cloud-metering.md section 2):
//! with `pductl sim netio --xml`, `/netio.xml` is served beside `/netio.json`, over the same
//! state, accounts and faults (`netio_http.rs` routes to the functions here). A GET answers
//! the netio.json document in XML; a POST of a partial `<Root>` holding `<Outputs>` is read
//! into the control document the JSON face applies, so both faces check and apply commands
//! alike (all or nothing, 400 for an unknown ID or action), and the answer is the whole
//! updated document.
//!
//! The document is written in the shape captured from a PowerBOX 4KF (sbc-bench greps it
//! line by line): an XML declaration, `<set:Root xmlns:set="...NETIO.xsd">` (the prefix of
//! NETIO's own write sample), the children in no namespace, one element per line, no
//! indentation, each line ended by a CR. `XmlVer` takes the place of `JSONVer`: "2.4" for
//! the models whose JSONVer is 2.4 (PowerPDU 8QS, PowerDIN 4PZ; a 4KF on FW 3.1.3 and 3.2.0
//! sends 2.4), "2.0" for the others (a NETIO 4 on FW 3.0.3 sends 2.0). Values are the JSON
//! face's, as text: integer milliamps, watts and watt-hours, decimal volts, hertz and power
//! factors.

use super::{full, Body};
use bytes::Bytes;
use http::{header, HeaderValue};
use hyper::Response;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use serde_json::{json, Map, Value};

/// The XML API's one resource.
pub const NETIO_XML_PATH: &str = "/netio.xml";

/// The namespace of `<Root>`.
pub const NAMESPACE: &str = "http://www.netio-products.com/XMLSchema/NETIO.xsd";

/// Line end of the captured documents: a bare CR.
const EOL: &str = "\r";

/// Whether a request for `path` is for the XML face, which serves only when `enabled`
/// (`--xml`).
pub fn serves(enabled: bool, path: &str) -> bool {
    enabled && path == NETIO_XML_PATH
}

/// The XmlVer of a document whose JSON face says `json_ver`.
fn xml_ver(json_ver: &Value) -> &'static str {
    if json_ver == "2.4" {
        "2.4"
    } else {
        "2.0"
    }
}

/// A value as element text.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => quick_xml::escape::escape(s.as_str()).into_owned(),
        Value::Null => String::new(),
        Value::Bool(b) => u8::from(*b).to_string(),
        other => other.to_string(),
    }
}

/// `<name>` holding `value`, one element per line.
fn element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Object(fields) => {
            out.push_str(&format!("<{name}>{EOL}"));
            for (field, v) in fields {
                if field == "JSONVer" {
                    element(out, "XmlVer", &json!(xml_ver(v)));
                } else {
                    element(out, field, v);
                }
            }
            out.push_str(&format!("</{name}>{EOL}"));
        }
        // `Outputs` holds `Output` elements, `Inputs` `Input` ones.
        Value::Array(items) => {
            out.push_str(&format!("<{name}>{EOL}"));
            let item = name.strip_suffix('s').unwrap_or(name);
            for v in items {
                element(out, item, v);
            }
            out.push_str(&format!("</{name}>{EOL}"));
        }
        scalar => out.push_str(&format!("<{name}>{}</{name}>{EOL}", text(scalar))),
    }
}

/// The netio.json document `doc` as the unit's netio.xml.
pub fn render(doc: &Value) -> String {
    let mut out = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>{EOL}");
    out.push_str(&format!("<set:Root xmlns:set=\"{NAMESPACE}\">{EOL}"));
    for (name, value) in doc.as_object().into_iter().flatten() {
        element(&mut out, name, value);
    }
    out.push_str(&format!("</set:Root>{EOL}"));
    out
}

/// 200 with the document in XML; also the body's bytes (for the simulator's faults).
pub fn document_response(doc: &Value) -> (Response<Body>, Bytes) {
    let bytes = Bytes::from(render(doc));
    let mut r = Response::new(full(bytes.clone()));
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
    (r, bytes)
}

/// What the reader is inside of.
enum Place {
    /// `<Root>`, or an element the face does not read.
    Other,
    /// `<Root><Outputs>`.
    Outputs,
    /// An `<Output>`.
    Output,
    /// A field of an `<Output>`, and its text so far.
    Field(String),
}

/// A POSTed partial `<Root>` (`<set:Root xmlns:set="..."><Outputs><Output><ID>1</ID>
/// <Action>1</Action></Output></Outputs></set:Root>`) as the control document the JSON face
/// applies: `{"Outputs": [{"ID": 1, "Action": 1}]}`. Field text that is a whole number
/// becomes one, other text stays text (and is refused where a number is needed, as in
/// JSON); elements of `<Root>` other than `<Outputs>` are ignored, as the JSON face ignores
/// other keys.
pub fn parse_control(body: &[u8]) -> Result<Value, String> {
    let malformed = |why: String| format!("malformed XML: {why}");
    let text = std::str::from_utf8(body).map_err(|_| malformed("not UTF-8".into()))?;
    let mut reader = NsReader::from_str(text.trim_start_matches('\u{feff}'));
    // The elements open, innermost last, with what each is.
    let mut open: Vec<(String, Place)> = Vec::new();
    let mut seen_root = false;
    let mut outputs: Option<Vec<Value>> = None;
    let mut output = Map::new();
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| malformed(e.to_string()))?;
        let netio = match ns {
            ResolveResult::Bound(n) => n.into_inner() == NAMESPACE,
            ResolveResult::Unbound => true,
            ResolveResult::Unknown(_) => false,
        };
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = e.local_name().into_inner().to_string();
            let place = match open.last().map(|(_, p)| p) {
                None if seen_root => return Err(malformed(format!("a second root <{name}>"))),
                None if name == "Root" && matches!(ns, ResolveResult::Bound(_)) && netio => {
                    seen_root = true;
                    Place::Other
                }
                None => {
                    return Err(format!(
                        "expected <Root xmlns=\"{NAMESPACE}\">, not <{name}> in another or no namespace"
                    ))
                }
                Some(Place::Other) if open.len() == 1 && name == "Outputs" && netio => {
                    if outputs.is_some() {
                        return Err("more than one <Outputs>".into());
                    }
                    outputs = Some(Vec::new());
                    Place::Outputs
                }
                Some(Place::Other) => Place::Other,
                Some(Place::Outputs) if name == "Output" => Place::Output,
                Some(Place::Outputs) => {
                    return Err(format!("<Outputs> holds <{name}>, not only <Output>"))
                }
                Some(Place::Output) => Place::Field(String::new()),
                Some(Place::Field(_)) => {
                    return Err(format!("<{}> of an <Output> holds elements", open[open.len() - 1].0))
                }
            };
            open.push((name, place));
            if !empty {
                continue;
            }
        }
        match event {
            Event::Start(_) | Event::Empty(_) | Event::End(_) => {
                // An element closed (an empty one as soon as it opened).
                let Some((name, place)) = open.pop() else {
                    return Err(malformed("an end tag with nothing open".into()));
                };
                match place {
                    Place::Field(text) => {
                        let text = text.trim();
                        let value = text
                            .parse::<u64>()
                            .map_or_else(|_| json!(text), |n| json!(n));
                        if output.insert(name.clone(), value).is_some() {
                            return Err(format!("an <Output> holds <{name}> twice"));
                        }
                    }
                    Place::Output => {
                        if let Some(list) = outputs.as_mut() {
                            list.push(Value::Object(std::mem::take(&mut output)));
                        }
                    }
                    Place::Outputs | Place::Other => {}
                }
            }
            Event::Text(t) => add(&mut open, &t.xml10_content()),
            Event::CData(t) => add(&mut open, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| malformed(format!("unknown entity &{};", &*r)))?
                        .to_string(),
                    Err(e) => return Err(malformed(e.to_string())),
                };
                add(&mut open, &c);
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if let Some((name, _)) = open.last() {
        return Err(malformed(format!("it ends inside <{name}>")));
    }
    let outputs = outputs.ok_or_else(|| {
        format!(
            "expected <Root xmlns=\"{NAMESPACE}\"><Outputs><Output>...</Output></Outputs></Root>"
        )
    })?;
    Ok(json!({ "Outputs": outputs }))
}

/// Text read inside an output's field is kept; elsewhere it is layout.
fn add(open: &mut [(String, Place)], text: &str) {
    if let Some((_, Place::Field(field))) = open.last_mut() {
        field.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::netio::{NetioModel, NetioState, NrSpelling};
    use crate::sim::now_ms;

    #[test]
    fn documents_have_the_captured_shape() {
        let mut state = NetioState::new(NetioModel::PowerDin4pz, NrSpelling::Plain);
        let xml = render(&state.document(now_ms()));
        assert!(!xml.contains('\n'), "CR line ends only");
        let lines: Vec<&str> = xml.split('\r').collect();
        assert_eq!(lines[0], "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        assert_eq!(lines[1], format!("<set:Root xmlns:set=\"{NAMESPACE}\">"));
        assert_eq!(lines[2], "<Agent>");
        assert!(lines.contains(&"<XmlVer>2.4</XmlVer>"), "{xml}");
        assert!(!xml.contains("JSONVer"));
        for line in &lines[1..lines.len() - 1] {
            assert!(line.starts_with('<') && line.ends_with('>'), "{line:?}");
            assert_eq!(
                line.matches('<').count().min(2),
                line.matches('<').count(),
                "{line:?}"
            );
        }
        assert!(lines.iter().any(|l| l.starts_with("<Current>")));
        assert!(lines.contains(&"<Input>"));
        let mut state = NetioState::new(NetioModel::Netio4All, NrSpelling::Plain);
        assert!(render(&state.document(now_ms())).contains("<XmlVer>2.0</XmlVer>"));
    }

    #[test]
    fn names_are_escaped() {
        let doc = json!({"Agent": {"DeviceName": "a<b&c"}});
        assert!(render(&doc).contains("<DeviceName>a&lt;b&amp;c</DeviceName>"));
    }

    #[test]
    fn a_partial_root_is_the_json_control_document() {
        let body = format!(
            "<set:Root xmlns:set=\"{NAMESPACE}\"><Outputs><Output><ID>1</ID><Action>1</Action></Output>\r\n<Output><ID> 3 </ID><Action>6</Action><State>1</State><Delay>1500</Delay></Output></Outputs><Agent><Model>x</Model></Agent></set:Root>"
        );
        assert_eq!(
            parse_control(body.as_bytes()).unwrap(),
            json!({"Outputs": [{"ID": 1, "Action": 1}, {"ID": 3, "Action": 6, "State": 1, "Delay": 1500}]})
        );
        let body = format!("<Root xmlns=\"{NAMESPACE}\"><Outputs><Output><ID>2</ID><Action>on</Action></Output></Outputs></Root>");
        assert_eq!(
            parse_control(body.as_bytes()).unwrap(),
            json!({"Outputs": [{"ID": 2, "Action": "on"}]})
        );
        let body = format!("<Root xmlns=\"{NAMESPACE}\"><Outputs/></Root>");
        assert_eq!(
            parse_control(body.as_bytes()).unwrap(),
            json!({"Outputs": []})
        );
    }

    #[test]
    fn what_is_not_a_control_document_says_why() {
        let ns = NAMESPACE;
        let cases = [
            ("{\"Outputs\":[]}".to_string(), "expected <Root"),
            ("<Root><Outputs/></Root>".to_string(), "expected <Root"),
            (format!("<Root xmlns=\"{ns}\"></Root>"), "<Outputs><Output>"),
            (format!("<Root xmlns=\"{ns}\"><Outputs><ID>1</ID></Outputs></Root>"), "not only <Output>"),
            (format!("<Root xmlns=\"{ns}\"><Outputs><Output><ID>1</ID><ID>2</ID></Output></Outputs></Root>"), "twice"),
            (format!("<Root xmlns=\"{ns}\"><Outputs><Output><ID><x/></ID></Output></Outputs></Root>"), "holds elements"),
            (format!("<Root xmlns=\"{ns}\"><Outputs></Root>"), "malformed XML"),
            (format!("<Root xmlns=\"{ns}\"><Outputs>"), "ends inside <Outputs>"),
            (format!("<Root xmlns=\"{ns}\"><Outputs/></Root><Root/>"), "second root"),
            (format!("<Root xmlns=\"{ns}\"><Outputs/><Outputs/></Root>"), "more than one"),
        ];
        for (body, needle) in cases {
            let why = parse_control(body.as_bytes()).unwrap_err();
            assert!(why.contains(needle), "{body}: {why}");
        }
        assert!(parse_control(b"\xff").unwrap_err().contains("not UTF-8"));
    }

    #[test]
    fn what_the_face_writes_it_reads_back() {
        let mut state = NetioState::new(NetioModel::PowerPdu8qs, NrSpelling::Underscore);
        let doc = state.document(now_ms());
        let xml = render(&doc);
        // A whole document posted back is a control document whose outputs say Action 6
        // with their own State: it changes nothing.
        let control = parse_control(xml.as_bytes()).unwrap();
        assert_eq!(control["Outputs"].as_array().unwrap().len(), 8);
        assert_eq!(control["Outputs"][0]["Action"], json!(6));
        state.command(&control, now_ms()).unwrap();
    }
}
