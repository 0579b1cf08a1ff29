//! Being built: a Prometheus/OpenMetrics endpoint at `/metrics` over the profile's devices (issue 23).

use super::{Context, Face};
use crate::error::Result;
use crate::http_server::{plain_text, Body};
use async_trait::async_trait;
use hyper::{Request, Response, StatusCode};
use std::net::SocketAddr;
use std::sync::Arc;

pub struct Metrics {
    _context: Arc<Context>,
}

impl Metrics {
    pub fn new(context: Arc<Context>) -> Result<Metrics> {
        Ok(Metrics { _context: context })
    }
}

#[async_trait]
impl Face for Metrics {
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
