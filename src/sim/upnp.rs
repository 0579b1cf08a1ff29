//! The UPnP face of the simulated DLI controller (`sim dli --upnp`): each outlet a Belkin
//! WeMo socket on a port of its own (protocols/dli-apis.md c.3-c.5), over the controller's
//! one state, so a switch over WeMo shows over REST and the other way round; and with
//! `--ssdp`, an SSDP responder (c.2) answering M-SEARCH with one answer per socket.
//!
//! Each socket serves `GET /setup.xml` (Belkin's manufacturer string, a `uuid:Socket-1_0-`
//! UDN, the basicevent service), `GET /eventservice.xml` (the basicevent SCPD pywemo fetches)
//! and `POST /upnp/control/basicevent1` with `GetBinaryState`, `SetBinaryState` (answering
//! `Error` for the state the socket already has, as real units do), `GetFriendlyName` and
//! `ChangeFriendlyName`. Answers carry `Connection: close`, as WeMos lack keep-alive.
//!
//! What a DLI unit puts in setup.xml, its UDN and ports are not captured (GAP): they are
//! made up here in `serial_of` and `setup_xml` [INF].

use super::dli::{Caller, DliState, SERIAL};
use super::{full, serve_http, Body, Store};
use crate::path::Path;
use bytes::Bytes;
use http::{header, HeaderValue, Method, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::{Request, Response};
use serde_json::{json, Value};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use tokio::net::{TcpListener, UdpSocket};

const BASICEVENT: &str = "urn:Belkin:service:basicevent:1";
const CONTROL_PATH: &str = "/upnp/control/basicevent1";
const SCPD_PATH: &str = "/eventservice.xml";
const SERVER: &str = "Unspecified, UPnP/1.0, Unspecified";
const SOAP_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// Largest SOAP request read.
const MAX_REQUEST_BYTES: usize = 64 * 1024;

/// Search targets the responder answers (dli-apis.md simulator checklist 3).
const ANSWERED_TARGETS: [&str; 4] = [
    BASICEVENT,
    "urn:Belkin:device:**",
    "ssdp:all",
    "upnp:rootdevice",
];

/// The serial number of outlet `outlet`'s socket [INF: DLI's is not captured].
pub fn serial_of(outlet: usize) -> String {
    format!("{SERIAL}S{outlet}")
}

/// One outlet's socket: which outlet, where it listens.
pub struct Socket {
    pub outlet: usize,
    pub listener: TcpListener,
}

/// Serves every socket (and the SSDP responder) until dropped. `host` is the address put in
/// SSDP answers' `LOCATION`.
pub async fn serve(
    store: Arc<Store<DliState>>,
    sockets: Vec<Socket>,
    ssdp: Option<UdpSocket>,
    host: IpAddr,
) {
    let mut ports = Vec::new();
    let mut tasks = Vec::new();
    for socket in sockets {
        let port = socket.listener.local_addr().map(|a| a.port()).unwrap_or(0);
        ports.push((socket.outlet, port));
        let store = store.clone();
        let outlet = socket.outlet;
        tasks.push(super::AbortOnDrop(tokio::spawn(serve_http(
            socket.listener,
            None,
            move |req, peer| {
                let store = store.clone();
                async move { Ok(handle(&store, outlet, req, peer).await) }
            },
        ))));
    }
    match ssdp {
        Some(socket) => responder(socket, host, ports).await,
        None => std::future::pending().await,
    }
}

fn caller(outlets: usize, peer: SocketAddr) -> Caller {
    Caller {
        name: "upnp".into(),
        is_admin: true,
        outlet_access: vec![true; outlets],
        ip_address: peer.ip().to_string(),
    }
}

fn xml(status: StatusCode, body: String) -> Response<Body> {
    let mut r = Response::new(full(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/xml; charset=\"utf-8\""),
    );
    h.insert(header::SERVER, HeaderValue::from_static(SERVER));
    h.insert(header::CONNECTION, HeaderValue::from_static("close"));
    h.insert("X-User-Agent", HeaderValue::from_static("redsonic"));
    r
}

fn escape(s: &str) -> String {
    crate::output::xml_escape(s)
}

/// The outlet's name and relay, or `None` when the outlet is gone (a hand-edited state).
fn outlet_view(store: &Store<DliState>, outlet: usize) -> Option<(String, bool, bool)> {
    store
        .with(|s| {
            s.settle(super::now_ms());
            let o = &s.tree["relay"]["outlets"][outlet];
            let view = o.is_object().then(|| {
                (
                    o["name"].as_str().unwrap_or("").to_string(),
                    o["physical_state"] == json!(true),
                    o["state"] == json!(true),
                )
            });
            (view, false)
        })
        .ok()
        .flatten()
}

fn setup_xml(outlet: usize, name: &str, on: bool) -> String {
    let serial = serial_of(outlet);
    format!(
        "<?xml version=\"1.0\"?>\n<root xmlns=\"urn:Belkin:device-1-0\"><specVersion><major>1</major>\
         <minor>0</minor></specVersion><device><deviceType>urn:Belkin:device:controllee:1</deviceType>\
         <friendlyName>{}</friendlyName><manufacturer>Belkin International Inc.</manufacturer>\
         <manufacturerURL>http://www.belkin.com</manufacturerURL>\
         <modelDescription>Belkin Plugin Socket 1.0</modelDescription><modelName>Socket</modelName>\
         <modelNumber>1.0</modelNumber><serialNumber>{serial}</serialNumber>\
         <UDN>uuid:Socket-1_0-{serial}</UDN><macAddress>0000C0FFEE{outlet:02X}</macAddress>\
         <firmwareVersion>DLI_UPnP_sim</firmwareVersion><binaryState>{}</binaryState>\
         <serviceList><service><serviceType>{BASICEVENT}</serviceType>\
         <serviceId>urn:Belkin:serviceId:basicevent1</serviceId><controlURL>{CONTROL_PATH}</controlURL>\
         <eventSubURL>/upnp/event/basicevent1</eventSubURL><SCPDURL>{SCPD_PATH}</SCPDURL></service>\
         </serviceList><presentationURL>/pluginpres.html</presentationURL></device></root>\n",
        escape(name),
        u8::from(on)
    )
}

/// The basicevent SCPD, with the actions the face answers.
fn scpd() -> String {
    let action = |name: &str, args: &[(&str, &str, &str)]| {
        let args: String = args
            .iter()
            .map(|(n, dir, var)| {
                format!(
                    "<argument><name>{n}</name><relatedStateVariable>{var}</relatedStateVariable>\
                     <direction>{dir}</direction></argument>"
                )
            })
            .collect();
        format!("<action><name>{name}</name><argumentList>{args}</argumentList></action>")
    };
    format!(
        "\u{feff}<?xml version=\"1.0\"?>\n<scpd xmlns=\"urn:Belkin:service-1-0\"><specVersion><major>1</major>\
         <minor>0</minor></specVersion><actionList>{}{}{}{}</actionList><serviceStateTable>\
         <stateVariable sendEvents=\"yes\"><name>BinaryState</name><dataType>Boolean</dataType>\
         <defaultValue>0</defaultValue></stateVariable><stateVariable sendEvents=\"yes\">\
         <name>FriendlyName</name><dataType>string</dataType></stateVariable></serviceStateTable></scpd>\n",
        action("SetBinaryState", &[("BinaryState", "in", "BinaryState")]),
        action("GetBinaryState", &[("BinaryState", "out", "BinaryState")]),
        action("GetFriendlyName", &[("FriendlyName", "out", "FriendlyName")]),
        action("ChangeFriendlyName", &[("FriendlyName", "in", "FriendlyName")]),
    )
}

fn soap_ok(action: &str, args: &[(&str, String)]) -> Response<Body> {
    let inner: String = args
        .iter()
        .map(|(k, v)| format!("\r\n<{k}>{}</{k}>", escape(v)))
        .collect();
    let mut r = xml(
        StatusCode::OK,
        format!(
            "<s:Envelope xmlns:s=\"{SOAP_ENV}\" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">\
             <s:Body>\n<u:{action}Response xmlns:u=\"{BASICEVENT}\">{inner}\r\n</u:{action}Response>\r\n\
             </s:Body> </s:Envelope>"
        ),
    );
    r.headers_mut().insert("EXT", HeaderValue::from_static(""));
    r
}

/// A UPnP error (UPnP Device Architecture 1.0, 3.2.2): 500 with a SOAP fault.
fn soap_fault(code: u16, description: &str) -> Response<Body> {
    xml(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!(
            "<s:Envelope xmlns:s=\"{SOAP_ENV}\" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">\
             <s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring>\
             <detail><UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>{code}</errorCode>\
             <errorDescription>{}</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>",
            escape(description)
        ),
    )
}

fn not_found() -> Response<Body> {
    let mut r = xml(StatusCode::NOT_FOUND, String::new());
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    r
}

async fn handle(
    store: &Store<DliState>,
    outlet: usize,
    req: Request<hyper::body::Incoming>,
    peer: SocketAddr,
) -> Response<Body> {
    let path = req.uri().path().to_string();
    let Some((name, on, _)) = outlet_view(store, outlet) else {
        return not_found();
    };
    match (req.method().clone(), path.as_str()) {
        (Method::GET, "/setup.xml") => xml(StatusCode::OK, setup_xml(outlet, &name, on)),
        (Method::GET, SCPD_PATH) => xml(StatusCode::OK, scpd()),
        (Method::POST, CONTROL_PATH) => {
            let action = req
                .headers()
                .get("SOAPACTION")
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().trim_matches('"').to_string())
                .unwrap_or_default();
            let body = match Limited::new(req.into_body(), MAX_REQUEST_BYTES)
                .collect()
                .await
            {
                Ok(b) => b.to_bytes(),
                Err(_) => return soap_fault(402, "Invalid Args"),
            };
            control(store, outlet, &action, &body, peer)
        }
        _ => not_found(),
    }
}

/// The text of the first element named `name` in a SOAP request.
fn argument(body: &Bytes, name: &str) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let doc = roxmltree::Document::parse(text).ok()?;
    let node = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)?;
    Some(node.text().unwrap_or("").trim().to_string())
}

fn control(
    store: &Store<DliState>,
    outlet: usize,
    soapaction: &str,
    body: &Bytes,
    peer: SocketAddr,
) -> Response<Body> {
    let Some((service, action)) = soapaction.split_once('#') else {
        return soap_fault(401, "Invalid Action");
    };
    if service != BASICEVENT {
        return soap_fault(401, "Invalid Action");
    }
    let write = |field: &str, value: Value| {
        store
            .with(|s| {
                let outlets = s.tree["relay"]["outlets"].as_array().map_or(0, Vec::len);
                let path = Path::from_keys(&["relay", "outlets", &outlet.to_string(), field]);
                let done = s.put(&path, &value, &caller(outlets, peer));
                let changed = done.is_ok();
                (done, changed)
            })
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.message))
    };
    match action {
        "GetBinaryState" => match outlet_view(store, outlet) {
            Some((_, on, _)) => soap_ok(action, &[("BinaryState", u8::from(on).to_string())]),
            None => soap_fault(501, "Action Failed"),
        },
        "GetFriendlyName" => match outlet_view(store, outlet) {
            Some((name, _, _)) => soap_ok(action, &[("FriendlyName", name)]),
            None => soap_fault(501, "Action Failed"),
        },
        "SetBinaryState" => {
            let on = match argument(body, "BinaryState").as_deref().map(str::trim) {
                Some("1") => true,
                Some("0") => false,
                _ => return soap_fault(402, "Invalid Args"),
            };
            let Some((_, physical, state)) = outlet_view(store, outlet) else {
                return soap_fault(501, "Action Failed");
            };
            // Real units answer a set of the state they have with Error [OBS].
            if physical == on && state == on {
                return soap_ok(action, &[("BinaryState", "Error".into())]);
            }
            match write("state", json!(on)) {
                Ok(_) => soap_ok(action, &[("BinaryState", u8::from(on).to_string())]),
                Err(why) => soap_fault(501, &why),
            }
        }
        "ChangeFriendlyName" => {
            let Some(name) = argument(body, "FriendlyName") else {
                return soap_fault(402, "Invalid Args");
            };
            match write("name", json!(name)) {
                Ok(_) => soap_ok(action, &[("FriendlyName", name)]),
                Err(why) => soap_fault(501, &why),
            }
        }
        _ => soap_fault(401, "Invalid Action"),
    }
}

/// The search target of an M-SEARCH request, if the datagram is one.
pub fn m_search_target(datagram: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(datagram).ok()?;
    let mut lines = text.split("\r\n").flat_map(|l| l.split('\n'));
    let first = lines.next()?.trim();
    if !first.starts_with("M-SEARCH ") {
        return None;
    }
    let mut st = None;
    let mut discover = false;
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k.trim().to_ascii_uppercase().as_str() {
            "ST" => st = Some(v.to_string()),
            "MAN" => discover = v.trim_matches('"') == "ssdp:discover",
            _ => {}
        }
    }
    st.filter(|_| discover)
}

fn answer(st: &str, host: IpAddr, port: u16, outlet: usize) -> String {
    let serial = serial_of(outlet);
    let host = match host {
        IpAddr::V6(v6) => format!("[{v6}]"),
        v4 => v4.to_string(),
    };
    format!(
        "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=86400\r\nEXT:\r\n\
         LOCATION: http://{host}:{port}/setup.xml\r\n\
         OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n01-NLS: {serial}\r\n\
         SERVER: {SERVER}\r\nST: {st}\r\nUSN: uuid:Socket-1_0-{serial}::{st}\r\n\r\n"
    )
}

/// Answers M-SEARCH datagrams for the Belkin targets, one answer per socket.
async fn responder(socket: UdpSocket, host: IpAddr, ports: Vec<(usize, u16)>) {
    let mut buf = vec![0u8; 2048];
    loop {
        let Ok((n, from)) = socket.recv_from(&mut buf).await else {
            continue;
        };
        let Some(st) = m_search_target(&buf[..n]) else {
            continue;
        };
        if !ANSWERED_TARGETS.contains(&st.as_str()) {
            continue;
        }
        for &(outlet, port) in &ports {
            let _ = socket
                .send_to(answer(&st, host, port, outlet).as_bytes(), from)
                .await;
        }
    }
}

/// Binds the SSDP responder: a multicast group is joined on every interface's port.
pub fn bind_ssdp(addr: SocketAddr) -> io::Result<UdpSocket> {
    let socket = match addr.ip() {
        IpAddr::V4(group) if group.is_multicast() => {
            let s = std::net::UdpSocket::bind(SocketAddr::from(([0, 0, 0, 0], addr.port())))?;
            s.join_multicast_v4(&group, &std::net::Ipv4Addr::UNSPECIFIED)?;
            s
        }
        _ => std::net::UdpSocket::bind(addr)?,
    };
    socket.set_nonblocking(true)?;
    UdpSocket::from_std(socket)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m_search_requests_are_read() {
        let pywemo = b"M-SEARCH * HTTP/1.1\r\nST: urn:Belkin:service:basicevent:1\r\nMX: 1\r\n\
            MAN: \"ssdp:discover\"\r\nHOST: 239.255.255.250:1900\r\n\r\n";
        assert_eq!(m_search_target(pywemo).as_deref(), Some(BASICEVENT));
        assert_eq!(m_search_target(b"NOTIFY * HTTP/1.1\r\n\r\n"), None);
        assert_eq!(
            m_search_target(b"M-SEARCH * HTTP/1.1\r\nST: x\r\n\r\n"),
            None
        );
        assert!(roxmltree::Document::parse(&setup_xml(0, "a<b", true)).is_ok());
        assert!(roxmltree::Document::parse(scpd().trim_start_matches('\u{feff}')).is_ok());
    }
}
