//! The simulated NETIO socket's UDP discover responder (protocols/netio.md section 3):
//! answers each request arriving on its socket, to the sender, with a reply built from the
//! same state as its `/netio.json` (device name, model, firmware, MAC), plus the one trailing
//! byte NETIO's own tool needs to see the last field (netio.md 3.4). Real units broadcast the
//! reply to port 62386; answering the sender reaches a client on any port, which is what a
//! test on loopback needs. Like a real unit's, the reply names no web port (netio.md 3.3
//! has no field for one): a client finds the HTTP port by asking there, as
//! `discover --save` does.

use super::netio::NetioState;
use super::{now_ms, Store};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use tokio::net::UdpSocket;

/// The request NETIO's tools send.
const REQUEST: [u8; 3] = [0x01, 0xEC, 0x00];

const MANUFACTURER: &str = "NETIO products a.s.";

/// Answers discover requests on `socket` until dropped.
pub async fn serve(socket: UdpSocket, store: Arc<Store<NetioState>>) {
    let own_ip = match socket.local_addr().map(|a| a.ip()) {
        Ok(IpAddr::V4(ip)) if !ip.is_unspecified() => ip,
        _ => Ipv4Addr::LOCALHOST,
    };
    let mut buf = [0u8; 512];
    loop {
        let Ok((n, from)) = socket.recv_from(&mut buf).await else {
            continue;
        };
        if buf[..n] != REQUEST {
            continue; // not a request: a real unit ignores it
        }
        let Ok(reply) = store.with(|state| (reply(state, own_ip), false)) else {
            continue;
        };
        let _ = socket.send_to(&reply, from).await;
    }
}

/// The reply datagram: `02`, two bytes a real unit fills with something undocumented, then
/// type-length-value fields.
fn reply(state: &mut NetioState, ip: Ipv4Addr) -> Vec<u8> {
    let doc = state.document(now_ms());
    let agent = &doc["Agent"];
    let text = |key: &str| agent[key].as_str().unwrap_or("").to_string();
    let (product, pretty) = state.model.discover_names();
    let mac: Vec<u8> = state
        .mac
        .split(':')
        .filter_map(|h| u8::from_str_radix(h, 16).ok())
        .collect();
    let hostname = format!(
        "netio-{}",
        state.mac.replace(':', "")[6..].to_ascii_lowercase()
    );
    let mut out = vec![0x02, 0x4E, 0x53];
    let mut field = |kind: u8, data: &[u8]| {
        let data = &data[..data.len().min(255)];
        out.push(kind);
        out.push(data.len() as u8);
        out.extend_from_slice(data);
    };
    field(0x09, product.as_bytes());
    if let Some(pretty) = pretty {
        field(0x12, pretty.as_bytes());
    }
    field(0x01, text("Version").as_bytes());
    field(0x02, &mac);
    field(0x03, &ip.octets());
    field(0x04, &[255, 0, 0, 0]);
    field(0x05, hostname.as_bytes());
    field(0x06, &[1]); // DHCP on
    field(0x0A, MANUFACTURER.as_bytes());
    field(0x13, text("DeviceName").as_bytes());
    out.push(0x00);
    out
}
