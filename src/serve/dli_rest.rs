//! Being built: the device `-d` names, as a DLI controller's REST-style API (issue 24).

use super::{Context, Face};
use crate::error::Result;
use crate::http_server::{plain_text, Body};
use async_trait::async_trait;
use hyper::{Request, Response, StatusCode};
use std::net::SocketAddr;
use std::sync::Arc;

pub struct DliRest {
    _context: Arc<Context>,
}

impl DliRest {
    pub async fn new(context: Arc<Context>) -> Result<DliRest> {
        Ok(DliRest { _context: context })
    }
}

#[async_trait]
impl Face for DliRest {
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
