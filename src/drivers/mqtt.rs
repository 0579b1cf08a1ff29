//! The MQTT backend of driver files: a read publishes the file's query and takes the first
//! answer on its answer topic that lists the outlets (Tasmota: `cmnd/<topic>/State`
//! answered on `stat/<topic>/RESULT`); a write publishes the file's command. `{topic}` in a
//! template is the profile's `topic_root`. One connection serves the whole run; the
//! engine verifies writes by reading again.

use super::engine::{list_items, Backend, DriverEngine, Wants};
use super::{fill, Driver, DriverFile, Filling, Request, Variant};
use crate::error::{Error, Result};
use crate::transport::mqtt::{client_options, connect_error};
use crate::transport::DeviceConfig;
use async_trait::async_trait;
use rumqttc::{AsyncClient, Event, Packet, QoS};
use serde_json::Value;
use std::time::Duration;
use tokio::sync::{mpsc, Mutex};
use tokio::time::Instant;

/// A driver file whose transport is MQTT, ready to serve.
pub fn driver_mqtt(device: &DeviceConfig, driver: &Driver) -> Result<DriverEngine<MqttBackend>> {
    let topic = device.mqtt.topic_root.clone();
    if topic.is_empty() || topic.contains(['+', '#']) {
        return Err(Error::usage(format!(
            "device {}: driver {} needs the device's topic as topic_root (like \
             \"tasmota_ABC123\"; no wildcards)",
            device.name, driver.file.driver.id
        )));
    }
    let port = device.port.unwrap_or(if device.tls { 8883 } else { 1883 });
    let backend = MqttBackend {
        label: format!("{} (broker {}:{port})", device.name, device.host),
        options: client_options(device, port)?,
        topic,
        timeout: device.timeout,
        name: format!("driver {}", driver.file.driver.id),
        file: driver.file.clone(),
        link: Mutex::new(None),
    };
    Ok(DriverEngine::new(backend, driver.file.clone()))
}

pub struct MqttBackend {
    label: String,
    options: rumqttc::MqttOptions,
    /// The device's topic, `{topic}` in templates.
    topic: String,
    timeout: Duration,
    file: DriverFile,
    /// `driver tasmota-mqtt`, for messages.
    name: String,
    link: Mutex<Option<Link>>,
}

/// What the connection's event loop hears of, in order.
enum Heard {
    Connected,
    Subscribed,
    Published,
    Message(String, Vec<u8>),
    Failed(rumqttc::ConnectionError),
}

/// A connection: the client, and what its event loop hears.
struct Link {
    client: AsyncClient,
    heard: mpsc::Receiver<Heard>,
    /// Answer topics subscribed to so far.
    subscribed: Vec<String>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Link {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Messages kept waiting for the reader at most: a broker cannot fill memory.
const HEARD_QUEUE: usize = 256;

impl MqttBackend {
    /// A topic or payload template filled for outlet `n`: `{topic}` is the device's topic.
    fn filled(
        &self,
        template: Option<&str>,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
    ) -> String {
        let mut named = vec![("topic", self.topic.clone())];
        named.extend(id.map(|id| ("id", id.to_string())));
        let base = self.file.driver.index_base;
        fill(
            template.unwrap_or_default(),
            n,
            base,
            value,
            Filling::Text,
            &named,
        )
    }

    /// Waits for what `wanted` picks out of what the connection hears, until `deadline`.
    async fn wait_for<T>(
        &self,
        link: &mut Link,
        deadline: Instant,
        what: &str,
        mut wanted: impl FnMut(Heard) -> Option<T>,
    ) -> Result<T> {
        loop {
            match tokio::time::timeout_at(deadline, link.heard.recv()).await {
                Ok(Some(Heard::Failed(e))) => return Err(connect_error(&self.label, e)),
                Ok(Some(heard)) => {
                    if let Some(found) = wanted(heard) {
                        return Ok(found);
                    }
                }
                Ok(None) => {
                    return Err(Error::Unreachable(format!(
                        "{}: the connection closed",
                        self.label
                    )))
                }
                Err(_) => {
                    return Err(Error::Timeout(format!(
                        "{} {what} within {}",
                        self.label,
                        crate::transport::http::human_duration(self.timeout)
                    )))
                }
            }
        }
    }

    /// The run's connection, made and subscribed to `answer` (when given) first.
    async fn link(
        &self,
        answer: Option<&str>,
    ) -> Result<tokio::sync::MutexGuard<'_, Option<Link>>> {
        let deadline = Instant::now() + self.timeout;
        let mut guard = self.link.lock().await;
        if guard.is_none() {
            let (client, mut events) = AsyncClient::new(self.options.clone(), 16);
            let (tx, heard) = mpsc::channel(HEARD_QUEUE);
            let task = tokio::spawn(async move {
                loop {
                    let event = events.poll().await;
                    let heard = match event {
                        Ok(Event::Incoming(Packet::ConnAck(_))) => Heard::Connected,
                        Ok(Event::Incoming(Packet::SubAck(_))) => Heard::Subscribed,
                        Ok(Event::Incoming(Packet::PubAck(_))) => Heard::Published,
                        Ok(Event::Incoming(Packet::Publish(p))) => {
                            Heard::Message(p.topic.clone(), p.payload.to_vec())
                        }
                        Ok(_) => continue,
                        Err(e) => {
                            let _ = tx.send(Heard::Failed(e)).await;
                            return;
                        }
                    };
                    // A full queue drops the message: the reader takes what it needs early.
                    let _ = tx.try_send(heard);
                }
            });
            let mut link = Link {
                client,
                heard,
                subscribed: Vec::new(),
                task,
            };
            self.wait_for(&mut link, deadline, "did not accept a connection", |h| {
                matches!(h, Heard::Connected).then_some(())
            })
            .await?;
            *guard = Some(link);
        }
        if let (Some(topic), Some(link)) = (answer, guard.as_mut()) {
            if !link.subscribed.iter().any(|t| t == topic) {
                link.client
                    .subscribe(topic, QoS::AtLeastOnce)
                    .await
                    .map_err(|e| Error::Unreachable(format!("{}: {e}", self.label)))?;
                self.wait_for(link, deadline, "did not confirm a subscription", |h| {
                    matches!(h, Heard::Subscribed).then_some(())
                })
                .await?;
                link.subscribed.push(topic.to_string());
            }
        }
        Ok(guard)
    }

    /// Publishes at QoS 1 and waits for the broker to take it.
    async fn publish(&self, link: &mut Link, topic: &str, payload: String) -> Result<()> {
        let deadline = Instant::now() + self.timeout;
        link.client
            .publish(topic, QoS::AtLeastOnce, false, payload)
            .await
            .map_err(|e| Error::Unreachable(format!("{}: {e}", self.label)))?;
        self.wait_for(link, deadline, "did not take a message", |h| {
            matches!(h, Heard::Published).then_some(())
        })
        .await
    }
}

#[async_trait]
impl Backend for MqttBackend {
    fn device(&self) -> &str {
        &self.label
    }

    /// Publishes the list's query and reads the first answer that lists the outlets (other
    /// answers on the same topic, to other commands, are passed over).
    async fn items(&self, variant: &Variant, _wants: Wants) -> Result<Vec<Value>> {
        let list = &variant.outlets.list;
        let query = self.filled(list.publish.as_deref(), 0, None, None);
        let answer = self.filled(list.answer.as_deref(), 0, None, None);
        let payload = self.filled(list.payload.as_deref(), 0, None, None);
        let mut guard = self.link(Some(&answer)).await?;
        let Some(link) = guard.as_mut() else {
            return Err(Error::Unreachable(format!("{}: not connected", self.label)));
        };
        // Answers to earlier queries are stale.
        while let Ok(heard) = link.heard.try_recv() {
            if let Heard::Failed(e) = heard {
                return Err(connect_error(&self.label, e));
            }
        }
        self.publish(link, &query, payload).await?;
        let deadline = Instant::now() + self.timeout;
        let origin = format!("{} answered {query} on {answer}", self.label);
        let mut last_error = None;
        let found = self
            .wait_for(
                link,
                deadline,
                &format!("sent no outlets on {answer}"),
                |h| {
                    let Heard::Message(topic, payload) = h else {
                        return None;
                    };
                    if topic != answer {
                        return None;
                    }
                    let doc: Value = serde_json::from_slice(&payload).ok()?;
                    match list_items(list, &doc, self.file.driver.index_base, &origin, &self.name) {
                        Ok(items) => Some(items),
                        Err(e) => {
                            last_error = Some(e);
                            None
                        }
                    }
                },
            )
            .await;
        match (found, last_error) {
            (Ok(items), _) => Ok(items),
            // An answer came that did not fit the file: that says more than the timeout.
            (Err(Error::Timeout(_)), Some(e)) => Err(e),
            (Err(e), _) => Err(e),
        }
    }

    async fn send(
        &self,
        request: &Request,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
    ) -> Result<()> {
        let topic = self.filled(request.publish.as_deref(), n, id, value);
        let payload = self.filled(request.payload.as_deref(), n, id, value);
        let mut guard = self.link(None).await?;
        let Some(link) = guard.as_mut() else {
            return Err(Error::Unreachable(format!("{}: not connected", self.label)));
        };
        self.publish(link, &topic, payload).await
    }
}
