//! NETIO sockets over the XML API (protocols/netio-cloud-metering.md section 2): the JSON
//! API's model in another format. `GET /netio.xml` answers a `<Root>` in NETIO's namespace
//! whose children mirror netio.json's objects; a write is a partial `<Root>` holding only
//! `<Outputs>`, answered with the whole updated document; a read-only and a read-write
//! account, over HTTP Basic, as for JSON.
//!
//! This transport is the JSON transport (`netio_json.rs`) speaking another `Dialect`: each
//! XML document is turned into the netio.json document it mirrors, so the object model, the
//! accounts, the status codes, the checks of a reply and what is retried are the JSON
//! transport's, field for field. `/netio/...` holds that netio.json-shaped document, with
//! `Agent.XmlVer` where JSON has `JSONVer`.
//!
//! XML to JSON: an element holding elements is an object of them, except `<Outputs>` and
//! `<Inputs>`, which are arrays of their `<Output>` and `<Input>` elements; an element
//! holding text is a number when its text is a JSON number, else a string, except the fields
//! that are always text (names, versions, serial numbers, times). Children of `<Root>` are
//! in no namespace on the units (captured), or in NETIO's; other namespaces are skipped.
//! The root must be `<Root>` in NETIO's namespace, with any prefix, and hold an `<Agent>`.
//! The body is read under the HTTP client's cap, and its elements are bounded in number
//! and depth, so no answer costs more than its size.

use super::netio_json::{Dialect, NetioJson};
use super::{DeviceConfig, NativeCycle, Pushed, Transport};
use crate::error::Result;
use crate::path::Path;
use async_trait::async_trait;
use bytes::Bytes;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use serde_json::{Map, Value};

/// The namespace of `<Root>` (netio-cloud-metering.md 2.2).
pub const NAMESPACE: &str = "http://www.netio-products.com/XMLSchema/NETIO.xsd";

/// Deepest nesting read: NETIO's documents are four deep (`Root`, `Outputs`, `Output`, `ID`).
const MAX_DEPTH: usize = 8;

/// Most elements read: a unit with `MAX_OUTLETS` outputs and every metering field has
/// about 20,000.
const MAX_ELEMENTS: usize = 100_000;

/// Fields whose text is text even when it looks like a number (a device named "1234",
/// firmware "3.1").
const TEXT_FIELDS: [&str; 10] = [
    "Model",
    "Version",
    "XmlVer",
    "JSONVer",
    "DeviceName",
    "SerialNumber",
    "MAC",
    "Time",
    "EnergyStart",
    "Name",
];

/// The containers that are lists, and the name of their items.
const LISTS: [(&str, &str); 2] = [("Outputs", "Output"), ("Inputs", "Input")];

/// NETIO's XML API.
pub(crate) const XML: Dialect = Dialect {
    protocol: "netio-xml",
    resource: "/netio.xml",
    api: "XML API",
    format: "XML",
    writes: "the XML API only switches outputs",
    accept: "text/xml, application/xml",
    // As NETIO's own C# sample sends it (netio-cloud-metering.md 2.3).
    content_type: "text/xml; charset=utf-8",
    decode: to_document,
    encode: to_command,
};

/// A NETIO device over `/netio.xml`: the JSON transport in the XML dialect, every verb
/// passed to it.
pub struct NetioXml(NetioJson);

impl NetioXml {
    pub fn new(device: &DeviceConfig) -> Result<NetioXml> {
        Ok(NetioXml(NetioJson::speaking(&XML, device)?))
    }
}

/// An element being read: its name, the elements it holds so far, and its text.
struct Open {
    name: String,
    children: Vec<(String, Value)>,
    text: String,
    /// In a namespace other than none or NETIO's: read for well-formedness, then dropped.
    foreign: bool,
}

/// A name from the device, short enough for a message.
fn shown(name: &str) -> String {
    if name.chars().count() > 40 {
        format!("{}...", name.chars().take(40).collect::<String>())
    } else {
        name.to_string()
    }
}

/// "XML that is not NETIO's netio.xml (why)", completing "<device> sent ...".
fn not_netio(why: impl std::fmt::Display) -> String {
    format!("XML that is not NETIO's netio.xml ({why})")
}

/// The value of a leaf element named `name` holding `text`.
fn leaf(name: &str, text: String) -> Value {
    if !TEXT_FIELDS.contains(&name) {
        if let Ok(n) = serde_json::from_str::<serde_json::Number>(text.trim()) {
            return Value::Number(n);
        }
    }
    Value::String(text)
}

/// The value of a closed element.
fn close(open: Open) -> std::result::Result<Value, String> {
    let list = LISTS.iter().find(|(list, _)| *list == open.name);
    if open.children.is_empty() && list.is_none() {
        return Ok(leaf(&open.name, open.text));
    }
    if !open.text.trim().is_empty() {
        return Err(not_netio(format!(
            "<{}> holds both text and elements",
            shown(&open.name)
        )));
    }
    if let Some((_, item)) = list {
        let mut items = Vec::with_capacity(open.children.len());
        for (name, value) in open.children {
            if name != *item {
                return Err(not_netio(format!(
                    "<{}> holds a <{}>, not only <{item}>",
                    open.name,
                    shown(&name)
                )));
            }
            items.push(value);
        }
        return Ok(Value::Array(items));
    }
    let mut object = Map::new();
    for (name, value) in open.children {
        if object.contains_key(&name) {
            return Err(not_netio(format!(
                "<{}> holds <{}> twice",
                shown(&open.name),
                shown(&name)
            )));
        }
        object.insert(name, value);
    }
    Ok(Value::Object(object))
}

/// The netio.json-shaped document an XML answer mirrors, or what the answer is instead.
pub(crate) fn to_document(body: &[u8]) -> std::result::Result<Value, String> {
    let text = std::str::from_utf8(body)
        .map_err(|e| format!("something that is not XML (not UTF-8 text: {e})"))?;
    let mut reader = NsReader::from_str(text.trim_start_matches('\u{feff}'));
    let syntax =
        |e: quick_xml::Error, at: u64| format!("something that is not XML ({e} at byte {at})");
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Value> = None;
    let mut elements = 0usize;
    loop {
        let (namespace, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => {
                let ns = match ns {
                    ResolveResult::Bound(ns) => Some(Some(ns.into_inner().to_string())),
                    ResolveResult::Unbound => Some(None),
                    ResolveResult::Unknown(_) => None,
                };
                (ns, event)
            }
            Err(e) => return Err(syntax(e, reader.error_position())),
        };
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let name = start.local_name().into_inner().to_string();
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return Err(not_netio(format!("more than {MAX_ELEMENTS} elements")));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(not_netio(format!(
                        "elements nested more than {MAX_DEPTH} deep"
                    )));
                }
                if stack.is_empty() {
                    if root.is_some() {
                        return Err(not_netio(format!(
                            "a second root element <{}>",
                            shown(&name)
                        )));
                    }
                    if name != "Root" || namespace != Some(Some(NAMESPACE.to_string())) {
                        let place = match &namespace {
                            Some(Some(ns)) => format!("in namespace \"{}\"", shown(ns)),
                            Some(None) => "in no namespace".to_string(),
                            None => "with an undeclared prefix".to_string(),
                        };
                        return Err(not_netio(format!(
                            "its root is <{}> {place}, not <Root xmlns=\"{NAMESPACE}\">",
                            shown(&name)
                        )));
                    }
                }
                let foreign = stack.last().is_some_and(|parent| parent.foreign)
                    || (!stack.is_empty()
                        && !matches!(&namespace, Some(None))
                        && namespace != Some(Some(NAMESPACE.to_string())));
                let open = Open {
                    name,
                    children: Vec::new(),
                    text: String::new(),
                    foreign,
                };
                if matches!(event, Event::Start(_)) {
                    stack.push(open);
                } else {
                    closed(&mut stack, &mut root, open)?;
                }
            }
            Event::End(_) => {
                let open = stack.pop().ok_or_else(|| syntax_end(&reader))?;
                closed(&mut stack, &mut root, open)?;
            }
            Event::Text(t) => add_text(&mut stack, &t.xml10_content())?,
            Event::CData(t) => add_text(&mut stack, &t.xml10_content())?,
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| {
                            format!(
                                "something that is not XML (the unknown entity &{}; at byte {})",
                                shown(&r),
                                reader.buffer_position()
                            )
                        })?
                        .to_string(),
                    Err(e) => {
                        return Err(format!(
                            "something that is not XML ({e} at byte {})",
                            reader.buffer_position()
                        ))
                    }
                };
                add_text(&mut stack, &resolved)?;
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!(
            "something that is not XML (it ends inside <{}>)",
            shown(&open.name)
        ));
    }
    let root = root.ok_or_else(|| "something that is not XML (no element at all)".to_string())?;
    match root.get("Agent") {
        Some(Value::Object(_)) => Ok(root),
        Some(_) => Err(not_netio("its <Agent> holds no elements")),
        None => Err(not_netio("its <Root> has no <Agent>")),
    }
}

/// A stray end tag (quick-xml reports mismatched ones itself).
fn syntax_end(reader: &NsReader<&[u8]>) -> String {
    format!(
        "something that is not XML (an end tag with nothing open at byte {})",
        reader.buffer_position()
    )
}

/// Text read: kept by the element it is in; outside the root only blanks may stand.
fn add_text(stack: &mut [Open], text: &str) -> std::result::Result<(), String> {
    match stack.last_mut() {
        Some(open) => {
            open.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(not_netio("text outside its root element")),
    }
}

/// An element closed: given to its parent, or taken as the root.
fn closed(
    stack: &mut [Open],
    root: &mut Option<Value>,
    open: Open,
) -> std::result::Result<(), String> {
    let foreign = open.foreign;
    let name = open.name.clone();
    let value = close(open)?;
    match stack.last_mut() {
        Some(parent) if !foreign => parent.children.push((name, value)),
        Some(_) => {}
        None => *root = Some(value),
    }
    Ok(())
}

/// A value as element text.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => quick_xml::escape::escape(s.as_str()).into_owned(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The partial `<Root>` that carries output commands, as NETIO's own sample writes it:
/// `<set:Root xmlns:set="..."><Outputs><Output><ID>1</ID><Action>1</Action></Output>
/// </Outputs></set:Root>` (netio-cloud-metering.md 2.3). Only `<Outputs>` is sent.
pub(crate) fn to_command(outputs: &[Value]) -> Bytes {
    let mut xml = format!("<set:Root xmlns:set=\"{NAMESPACE}\"><Outputs>");
    for output in outputs {
        xml.push_str("<Output>");
        for (field, value) in output.as_object().into_iter().flatten() {
            xml.push_str(&format!("<{field}>{}</{field}>", text_of(value)));
        }
        xml.push_str("</Output>");
    }
    xml.push_str("</Outputs></set:Root>");
    Bytes::from(xml)
}

#[async_trait]
impl Transport for NetioXml {
    fn protocol(&self) -> &'static str {
        self.0.protocol()
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        self.0.get(path).await
    }

    async fn get_shallow(&self, path: &Path) -> Result<Value> {
        self.0.get_shallow(path).await
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        self.0.set(path, value).await
    }

    async fn insert(&self, path: &Path, value: &Value) -> Result<()> {
        self.0.insert(path, value).await
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        self.0.remove(path).await
    }

    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        self.0.invoke(path, args).await
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        self.0.describe(path).await
    }

    fn native_cycle(&self) -> NativeCycle {
        self.0.native_cycle()
    }

    fn write_attempts(&self) -> u32 {
        self.0.write_attempts()
    }

    fn explain_set(&self, path: &Path, value: &Value) -> String {
        self.0.explain_set(path, value)
    }

    fn explain_invoke(&self, path: &Path, args: &[Value]) -> String {
        self.0.explain_invoke(path, args)
    }

    fn pushes(&self) -> bool {
        self.0.pushes()
    }

    async fn wait_push(&self) -> Result<Pushed> {
        self.0.wait_push().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::netio_json::map_document;
    use crate::transport::MAX_OUTLETS;
    use proptest::prelude::*;
    use serde_json::json;

    /// A PowerBOX 4KF as sbc-bench reads it (netio-cloud-metering.md 2.2): one element per
    /// line, no indentation, CR line ends, Model `4KF`, XmlVer 2.4, integer mA. The values
    /// are made up in the captured forms (two-decimal volts and hertz).
    const CAPTURED_4KF_SHAPE: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r<set:Root xmlns:set=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\">\r<Agent>\r<Model>4KF</Model>\r<Version>3.2.0</Version>\r<XmlVer>2.4</XmlVer>\r<DeviceName>bench</DeviceName>\r<VendorID>0</VendorID>\r<OemID>0</OemID>\r<SerialNumber>24A42C3912AB</SerialNumber>\r<Uptime>3606</Uptime>\r<Time>2022-11-20T10:01:02+01:00</Time>\r<NumOutputs>4</NumOutputs>\r</Agent>\r<GlobalMeasure>\r<Voltage>234.14</Voltage>\r<Frequency>50.02</Frequency>\r<TotalCurrent>27</TotalCurrent>\r<OverallPowerFactor>0.41</OverallPowerFactor>\r<TotalLoad>3</TotalLoad>\r<TotalEnergy>1234</TotalEnergy>\r<EnergyStart>2022-01-01T00:00:00+01:00</EnergyStart>\r</GlobalMeasure>\r<Outputs>\r<Output>\r<ID>1</ID>\r<Name>sbc</Name>\r<State>1</State>\r<Action>6</Action>\r<Delay>5000</Delay>\r<Current>27</Current>\r<PowerFactor>0.41</PowerFactor>\r<Load>3</Load>\r<Energy>1200</Energy>\r</Output>\r<Output>\r<ID>2</ID>\r<Name>output_2</Name>\r<State>0</State>\r<Action>6</Action>\r<Delay>5000</Delay>\r<Current>0</Current>\r<PowerFactor>0.00</PowerFactor>\r<Load>0</Load>\r<Energy>34</Energy>\r</Output>\r</Outputs>\r</set:Root>\r";

    #[test]
    fn a_4kf_shaped_document_becomes_its_netio_json() {
        let doc = to_document(CAPTURED_4KF_SHAPE.as_bytes()).unwrap();
        assert_eq!(doc["Agent"]["Model"], json!("4KF"));
        assert_eq!(doc["Agent"]["Version"], json!("3.2.0"));
        assert_eq!(doc["Agent"]["XmlVer"], json!("2.4"));
        assert_eq!(doc["Agent"]["NumOutputs"], json!(4));
        assert_eq!(doc["GlobalMeasure"]["Voltage"], json!(234.14));
        assert_eq!(doc["Outputs"][0]["Current"], json!(27));
        assert_eq!(doc["Outputs"][1]["Name"], json!("output_2"));
        let tree = map_document(&doc).unwrap();
        assert_eq!(tree["relay"]["model"], json!("4KF"));
        assert_eq!(tree["relay"]["outlets"].as_array().unwrap().len(), 4);
        assert_eq!(tree["relay"]["outlets"][0]["state"], json!(true));
        assert_eq!(
            tree["meter"]["values"]["outlets.0.current"]["value"],
            json!(0.027)
        );
        assert_eq!(tree["meter"]["values"]["voltage"]["value"], json!(234.14));
    }

    #[test]
    fn the_same_document_in_json_and_xml_maps_the_same() {
        let json_doc = json!({"Agent":{"Model":"NETIO 4","Version":"3.0.3","JSONVer":"2.0","DeviceName":"007","VendorID":0,"OemID":0,"SerialNumber":"24:A4:2C:39:02:BC","Uptime":4913,"Time":"2018-03-01T19:14:22+01:00","NumOutputs":4},
            "Outputs":[{"ID":1,"Name":"output_1","State":1,"Action":6,"Delay":5000}]});
        // The NETIO 4 capture (children in no namespace under a prefixed Root).
        let xml = "<ns0:Root xmlns:ns0=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\"><Agent><Model>NETIO 4</Model><Version>3.0.3</Version><XmlVer>2.0</XmlVer><DeviceName>007</DeviceName><VendorID>0</VendorID><OemID>0</OemID><SerialNumber>24:A4:2C:39:02:BC</SerialNumber><Uptime>4913</Uptime><Time>2018-03-01T19:14:22+01:00</Time><NumOutputs>4</NumOutputs></Agent><Outputs><Output><ID>1</ID><Name>output_1</Name><State>1</State><Action>6</Action><Delay>5000</Delay></Output></Outputs></ns0:Root>";
        let from_xml = map_document(&to_document(xml.as_bytes()).unwrap()).unwrap();
        let from_json = map_document(&json_doc).unwrap();
        assert_eq!(from_xml["relay"], from_json["relay"]);
        assert_eq!(from_xml["meter"], from_json["meter"]);
        assert_eq!(from_xml["relay"]["name"], json!("007"), "names stay text");
    }

    #[test]
    fn children_may_be_in_netio_namespace_too_and_text_is_unescaped() {
        let xml = "<Root xmlns=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\"><Agent><DeviceName>a &amp; b&#x21;<![CDATA[<c>]]></DeviceName></Agent><x:Extra xmlns:x=\"urn:other\"><ID>9</ID></x:Extra><Outputs/></Root>";
        let doc = to_document(xml.as_bytes()).unwrap();
        assert_eq!(doc["Agent"]["DeviceName"], json!("a & b!<c>"));
        assert_eq!(doc["Outputs"], json!([]), "an empty list is a list");
        assert!(doc.get("Extra").is_none(), "{doc}");
    }

    #[test]
    fn documents_that_are_not_netio_say_why() {
        let cases: [(&str, &str); 12] = [
            ("<html><body>hi</body></html>", "its root is <html> in no namespace"),
            ("<Root><Agent><Model>x</Model></Agent></Root>", "<Root> in no namespace"),
            ("<Root xmlns=\"urn:x\"><Agent/></Root>", "in namespace \"urn:x\""),
            ("<p:Root><Agent/></p:Root>", "undeclared prefix"),
            ("<Root xmlns=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\"><Outputs/></Root>", "has no <Agent>"),
            ("<Root xmlns=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\"><Agent>x</Agent></Root>", "<Agent> holds no elements"),
            ("<Root xmlns=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\"><Agent><a/></Agent><Outputs><Other/></Outputs></Root>", "not only <Output>"),
            ("<Root xmlns=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\"><Agent><a/><a/></Agent></Root>", "twice"),
            ("<Root xmlns=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\"><Agent>", "ends inside <Agent>"),
            ("<Root xmlns=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\"><Agent></Outputs>", "not XML"),
            ("{\"Agent\":{}}", "text outside"),
            ("", "no element at all"),
        ];
        for (xml, needle) in cases {
            let why = to_document(xml.as_bytes()).unwrap_err();
            assert!(why.contains(needle), "{xml}: {why}");
        }
        let why = to_document(b"<Root>\xff</Root>").unwrap_err();
        assert!(why.contains("not UTF-8"), "{why}");
        let deep = format!(
            "<Root xmlns=\"{NAMESPACE}\">{}{}</Root>",
            "<a>".repeat(100_000),
            "</a>".repeat(100_000)
        );
        assert!(to_document(deep.as_bytes())
            .unwrap_err()
            .contains("nested more than"));
        let wide = format!(
            "<Root xmlns=\"{NAMESPACE}\"><Agent/>{}</Root>",
            "<a/>".repeat(200_000)
        );
        assert!(to_document(wide.as_bytes())
            .unwrap_err()
            .contains("more than 100000 elements"));
    }

    #[test]
    fn numbers_out_of_bounds_are_malformed_as_in_json() {
        let doc = to_document(
            format!("<Root xmlns=\"{NAMESPACE}\"><Agent><NumOutputs>99999999999999999999</NumOutputs></Agent><Outputs/></Root>")
                .as_bytes(),
        )
        .unwrap();
        assert!(map_document(&doc).unwrap_err().contains("NumOutputs"));
        let doc = to_document(
            format!("<Root xmlns=\"{NAMESPACE}\"><Agent><Model>x</Model></Agent><Outputs><Output><ID>1000000</ID><State>1</State></Output></Outputs></Root>")
                .as_bytes(),
        )
        .unwrap();
        assert!(map_document(&doc).unwrap_err().contains("ID"));
    }

    #[test]
    fn commands_are_partial_roots_as_netio_sample_writes_them() {
        let body = to_command(&[
            json!({"ID": 1, "Action": 1}),
            json!({"ID": 3, "Action": 2, "Delay": 1500}),
        ]);
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            "<set:Root xmlns:set=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\"><Outputs><Output><ID>1</ID><Action>1</Action></Output><Output><ID>3</ID><Action>2</Action><Delay>1500</Delay></Output></Outputs></set:Root>"
        );
    }

    /// XML-like text from NETIO's pieces and junk.
    fn xml_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just(format!("<Root xmlns=\"{NAMESPACE}\">")),
            Just(format!("<s:Root xmlns:s=\"{NAMESPACE}\">")),
            Just("</Root>".to_string()),
            Just("</s:Root>".to_string()),
            Just("<Agent>".to_string()),
            Just("</Agent>".to_string()),
            Just("<Outputs>".to_string()),
            Just("</Outputs>".to_string()),
            Just("<Output>".to_string()),
            Just("</Output>".to_string()),
            Just("<Inputs><Input/></Inputs>".to_string()),
            Just("<NumOutputs>".to_string()),
            Just("</NumOutputs>".to_string()),
            Just("<ID>".to_string()),
            Just("</ID>".to_string()),
            Just("<State>1</State>".to_string()),
            Just("<Outputs/>".to_string()),
            Just("&amp;&#0;&#x110000;&bogus;&".to_string()),
            Just("<![CDATA[x]]>".to_string()),
            Just("<!DOCTYPE x [<!ENTITY a \"b\">]>".to_string()),
            Just("<?xml version=\"1.0\"?>".to_string()),
            Just("\r".to_string()),
            (0u64..5000).prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|n| n.to_string()),
            ".{0,8}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn junk_never_panics_and_never_trusts_a_count(
            body in prop_oneof![
                prop::collection::vec(any::<u8>(), 0..256),
                xml_like().prop_map(String::into_bytes),
            ]
        ) {
            if let Ok(doc) = to_document(&body) {
                prop_assert!(doc["Agent"].is_object());
                if let Ok(tree) = map_document(&doc) {
                    let outlets = tree["relay"]["outlets"].as_array().map_or(0, Vec::len);
                    prop_assert!(outlets <= MAX_OUTLETS);
                }
            }
        }
    }
}
