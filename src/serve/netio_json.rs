//! Being built: the device `-d` names, as a NETIO socket's JSON API (issue 24).

use super::{Context, Face};
use crate::error::Result;
use crate::http_server::{plain_text, Body};
use async_trait::async_trait;
use hyper::{Request, Response, StatusCode};
use std::net::SocketAddr;
use std::sync::Arc;

pub struct NetioJson {
    _context: Arc<Context>,
}

impl NetioJson {
    pub async fn new(context: Arc<Context>) -> Result<NetioJson> {
        Ok(NetioJson { _context: context })
    }
}

#[async_trait]
impl Face for NetioJson {
    fn serves(&self, _path: &str) -> bool {
        false
    }

    async fn answer(
        &self,
        _req: Request<hyper::body::Incoming>,
        _peer: SocketAddr,
    ) -> Response<Body> {
        plain_text(StatusCode::NOT_IMPLEMENTED, "Not implemented yet")
    }
}
