//! The MQTT backend of driver files: a read publishes the file's query and takes the first
//! answer on its answer topic that lists the outlets (Tasmota: `cmnd/<topic>/State`
//! answered on `stat/<topic>/RESULT`); a write publishes the file's command. `{topic}` in a
//! template is the profile's `topic_root`. One connection serves the run; the engine
//! verifies writes by reading again.
//!
//! A device that publishes each outlet's state on a topic of its own, retained, and takes
//! no query (Z-Wave JS UI's `zwave/<node>/37/<endpoint>/currentValue`) is read by
//! subscribing to every outlet's topic: `list = { answer = "{topic}/{id}/currentValue",
//! unwrap = "/value" }`, without `publish`. Its outlets are the profile's `outlets` (ids in
//! outlet order, `{id}` here and in writes, or a count: `{id}` is then `{i}`); a payload is
//! the outlet's item as JSON where it is JSON (`true`), else as its trimmed text (`ON`), and
//! with `unwrap` a JSON object's member at that pointer. A topic with no retained state is
//! no answer (exit 4): the broker must keep what the device publishes.
//!
//! What is sent again (`retry` has the rules), within the device's budget,
//! `(1 + retries) x timeout`: a broker that refuses or drops the connection before it is
//! made is asked again, at most `1 + retries` times, whatever the request; a connection
//! that drops later is made again (with a clean session, the answer topics subscribed
//! again) for the next try. A query (a read) is published again after a drop or when no
//! answer came; a write the engine passes as `Repeat::Write` (a state or a name) after a
//! drop or when the broker did not take it, at QoS 1. A request passed as `Repeat::Once`
//! (the device's own cycle, a write its file marks `repeat = false`) is published once, at
//! QoS 0 (neither the library nor the broker keeps it to send again, so it reaches the
//! device at most once), and a drop after it went out is reported as a request that may
//! have reached the device (exit 5; the power verbs watch the outlet).

use super::engine::{list_items, Backend, DriverEngine, Wants};
use super::{fill, Driver, DriverFile, Filling, ListRequest, Request, Variant};
use crate::error::{Error, Result};
use crate::retry::{Repeat, Retrier};
use crate::transport::mqtt::{client_options, connect_error};
use crate::transport::{DeviceConfig, OutletsSetting};
use async_trait::async_trait;
use rumqttc::{AsyncClient, ConnectionError, Event, Outgoing, Packet, QoS, SubscribeFilter};
use serde_json::Value;
use std::sync::atomic::{AtomicU32, Ordering};
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
    let base = driver.file.driver.index_base;
    let outlet_ids: Vec<String> = match &device.outlets {
        Some(OutletsSetting::Ids(ids)) => ids.clone(),
        Some(OutletsSetting::Count(count)) => {
            (0..*count).map(|n| (n as u64 + base).to_string()).collect()
        }
        None => Vec::new(),
    };
    let per_outlet_file = driver
        .file
        .variants()
        .iter()
        .any(|v| per_outlet(&v.outlets.list));
    if per_outlet_file && outlet_ids.is_empty() {
        return Err(Error::usage(format!(
            "device {}: driver {} reads each outlet's own topic and cannot ask which there \
             are: set outlets in its profile entry (outlets = [\"5/37/0\"], the ids in outlet \
             order)",
            device.name, driver.file.driver.id
        )));
    }
    if let Some(id) = outlet_ids.iter().find(|id| id.contains(['+', '#'])) {
        return Err(Error::usage(format!(
            "device {}: outlet id \"{}\" has an MQTT wildcard (+ or #)",
            device.name,
            crate::output::escape_line(id)
        )));
    }
    let backend = MqttBackend {
        outlet_ids,
        label: crate::transport::mqtt::label(&device.name, &device.host, port),
        options: client_options(device, port)?,
        topic,
        timeout: device.timeout,
        name: format!("driver {}", driver.file.driver.id),
        file: driver.file.clone(),
        link: Mutex::new(None),
        retrier: device.retrier(),
        commands_sent: AtomicU32::new(0),
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
    retrier: Retrier,
    /// Commands published so far, those published again included (the power verbs report
    /// tries of a switch).
    commands_sent: AtomicU32,
    /// The profile's `outlets` as ids, for a file that reads one topic per outlet.
    outlet_ids: Vec<String>,
}

/// Whether a list reads one retained topic per outlet: an answer topic naming `{id}`, and
/// no query.
pub fn per_outlet(list: &ListRequest) -> bool {
    list.publish.is_none() && list.answer.as_deref().is_some_and(|a| a.contains("{id}"))
}

/// A retained payload as an outlet's item: its JSON, or its trimmed text; with `unwrap`,
/// a JSON object's member there.
fn retained_item(payload: &[u8], unwrap: Option<&str>) -> std::result::Result<Value, String> {
    let value = serde_json::from_slice::<Value>(payload)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(payload).trim().to_string()));
    match (unwrap, &value) {
        (Some(at), Value::Object(_)) => value.pointer(at).cloned().ok_or_else(|| {
            let text = String::from_utf8_lossy(&payload[..payload.len().min(80)]).into_owned();
            format!("\"{}\" without {at}", crate::output::escape_line(&text))
        }),
        _ => Ok(value),
    }
}

/// What the connection's event loop hears of, in order.
enum Heard {
    Connected,
    Subscribed,
    /// The broker took a QoS 1 publish.
    Published,
    /// A QoS 0 publish went out (all there is to know of it).
    Written,
    Message(String, Vec<u8>),
    Failed(ConnectionError),
}

/// A connection: the client, and what its event loop hears.
struct Link {
    client: AsyncClient,
    heard: mpsc::Receiver<Heard>,
    /// Answer topics subscribed to so far.
    subscribed: Vec<String>,
    /// The connection failed: the next try makes another.
    dead: bool,
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

    /// A connection that failed after a request may have gone out on it (`HungUp`: sent
    /// again only when that is safe).
    fn dropped(&self, e: ConnectionError, before: &str) -> Error {
        Error::HungUp(format!("lost {} ({e}) before {before}", self.label))
    }

    /// Waits for what `wanted` picks out of what the connection hears, until `deadline`; a
    /// failed connection is `lost`'s error, and the link is marked dead.
    async fn wait_for<T>(
        &self,
        link: &mut Link,
        deadline: Instant,
        what: &str,
        lost: impl Fn(ConnectionError) -> Error,
        mut wanted: impl FnMut(Heard) -> Option<T>,
    ) -> Result<T> {
        loop {
            match tokio::time::timeout_at(deadline, link.heard.recv()).await {
                Ok(Some(Heard::Failed(e))) => {
                    link.dead = true;
                    return Err(lost(e));
                }
                Ok(Some(heard)) => {
                    if let Some(found) = wanted(heard) {
                        return Ok(found);
                    }
                }
                Ok(None) => {
                    link.dead = true;
                    return Err(Error::HungUp(format!(
                        "{}: the connection closed",
                        self.label
                    )));
                }
                Err(_) => {
                    return Err(Error::Timeout(format!(
                        "{} {what} within {}",
                        self.label,
                        crate::output::human_duration(self.timeout)
                    )))
                }
            }
        }
    }

    /// The run's connection, subscribed to `answer` (when given), by `deadline`: made again
    /// when the last one failed. What it heard since the last request is passed over
    /// (answers to earlier queries are stale).
    async fn link(
        &self,
        answer: Option<&str>,
        deadline: Instant,
    ) -> Result<tokio::sync::MutexGuard<'_, Option<Link>>> {
        let mut guard = self.link.lock().await;
        if let Some(link) = guard.as_mut() {
            while let Ok(heard) = link.heard.try_recv() {
                if matches!(heard, Heard::Failed(_)) {
                    link.dead = true;
                }
            }
            if link.dead || link.task.is_finished() {
                *guard = None;
            }
        }
        if guard.is_none() {
            let (client, mut events) = AsyncClient::new(self.options.clone(), 16);
            let (tx, heard) = mpsc::channel(HEARD_QUEUE);
            // One connection: a failure ends it, and the next try makes another.
            let task = tokio::spawn(async move {
                loop {
                    let event = events.poll().await;
                    let heard = match event {
                        Ok(Event::Incoming(Packet::ConnAck(_))) => Heard::Connected,
                        Ok(Event::Incoming(Packet::SubAck(_))) => Heard::Subscribed,
                        Ok(Event::Incoming(Packet::PubAck(_))) => Heard::Published,
                        Ok(Event::Outgoing(Outgoing::Publish(0))) => Heard::Written,
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
                dead: false,
                task,
            };
            self.wait_for(
                &mut link,
                deadline,
                "did not accept a connection",
                |e| connect_error(&self.label, e),
                |h| matches!(h, Heard::Connected).then_some(()),
            )
            .await?;
            *guard = Some(link);
        }
        if let (Some(topic), Some(link)) = (answer, guard.as_mut()) {
            if !link.subscribed.iter().any(|t| t == topic) {
                link.client
                    .subscribe(topic, QoS::AtLeastOnce)
                    .await
                    .map_err(|e| Error::Unreachable(format!("{}: {e}", self.label)))?;
                self.wait_for(
                    link,
                    deadline,
                    "did not confirm a subscription",
                    |e| self.dropped(e, &format!("it confirmed the subscription to {topic}")),
                    |h| matches!(h, Heard::Subscribed).then_some(()),
                )
                .await?;
                link.subscribed.push(topic.to_string());
            }
        }
        Ok(guard)
    }

    /// Publishes, and waits until `deadline` for the broker to take it (QoS 1) or for it to
    /// go out (QoS 0).
    async fn publish(
        &self,
        link: &mut Link,
        topic: &str,
        payload: String,
        qos: QoS,
        deadline: Instant,
    ) -> Result<()> {
        link.client
            .publish(topic, qos, false, payload)
            .await
            .map_err(|e| Error::Unreachable(format!("{}: {e}", self.label)))?;
        let taken = qos != QoS::AtMostOnce;
        self.wait_for(
            link,
            deadline,
            "did not take a message",
            |e| self.dropped(e, &format!("the broker took {topic}")),
            |h| match h {
                Heard::Published if taken => Some(()),
                Heard::Written if !taken => Some(()),
                _ => None,
            },
        )
        .await
    }

    /// One try of a read of every outlet's retained topic: all subscribed at once (a
    /// subscription, new or again, has the broker send what it retains), and one message
    /// taken from each, within `allowed`.
    async fn retained(&self, variant: &Variant, allowed: Duration) -> Result<Vec<Value>> {
        let deadline = Instant::now() + allowed;
        let list = &variant.outlets.list;
        let topics: Vec<String> = self
            .outlet_ids
            .iter()
            .enumerate()
            .map(|(n, id)| self.filled(list.answer.as_deref(), n, Some(id), None))
            .collect();
        let mut guard = self.link(None, deadline).await?;
        let Some(link) = guard.as_mut() else {
            return Err(Error::Unreachable(format!("{}: not connected", self.label)));
        };
        let filters = topics
            .iter()
            .map(|t| SubscribeFilter::new(t.clone(), QoS::AtLeastOnce));
        link.client
            .subscribe_many(filters)
            .await
            .map_err(|e| Error::Unreachable(format!("{}: {e}", self.label)))?;
        let mut items: Vec<Option<Value>> = vec![None; topics.len()];
        let mut subscribed = false;
        let unwrap = list.unwrap.as_deref();
        let got = self
            .wait_for(
                link,
                deadline,
                "sent no state",
                |e| self.dropped(e, "the outlets' states came"),
                |h| {
                    match h {
                        Heard::Subscribed => subscribed = true,
                        Heard::Message(topic, payload) => {
                            let k = topics.iter().position(|t| *t == topic)?;
                            match retained_item(&payload, unwrap) {
                                Ok(item) => items[k] = Some(item),
                                Err(why) => {
                                    return Some(Err(Error::BadResponse(format!(
                                        "{} sent {why} on {topic} ({})",
                                        self.label, self.name
                                    ))))
                                }
                            }
                        }
                        _ => {}
                    }
                    (subscribed && items.iter().all(Option::is_some)).then_some(Ok(()))
                },
            )
            .await;
        match got {
            Ok(Ok(())) => Ok(items.into_iter().flatten().collect()),
            Ok(Err(e)) => Err(e),
            Err(Error::Timeout(_)) => {
                let silent = topics
                    .iter()
                    .zip(&items)
                    .find(|(_, item)| item.is_none())
                    .map_or("", |(t, _)| t.as_str());
                Err(Error::Timeout(format!(
                    "{} sent no state on {silent} within {} (a state the broker does not \
                     retain is not there to read)",
                    self.label,
                    crate::output::human_duration(self.timeout)
                )))
            }
            Err(e) => Err(e),
        }
    }

    /// One try of a read: the query published, and the first answer that lists the outlets
    /// taken, within `allowed`.
    async fn query(&self, variant: &Variant, allowed: Duration) -> Result<Vec<Value>> {
        let deadline = Instant::now() + allowed;
        let list = &variant.outlets.list;
        let query = self.filled(list.publish.as_deref(), 0, None, None);
        let answer = self.filled(list.answer.as_deref(), 0, None, None);
        let payload = self.filled(list.payload.as_deref(), 0, None, None);
        let mut guard = self.link(Some(&answer), deadline).await?;
        let Some(link) = guard.as_mut() else {
            return Err(Error::Unreachable(format!("{}: not connected", self.label)));
        };
        self.publish(link, &query, payload, QoS::AtLeastOnce, deadline)
            .await?;
        let origin = format!("{} answered {query} on {answer}", self.label);
        // While variants are probed, an answer that does not list this one's outlets says
        // the device is another variant's (Zigbee2MQTT: `state_l1`... or `state` alone):
        // the next one's turn, now rather than after the timeout.
        let probing = self
            .file
            .variant
            .last()
            .is_some_and(|last| last.name != variant.name);
        let mut last_error = None;
        let found = self
            .wait_for(
                link,
                deadline,
                &format!("sent no outlets on {answer}"),
                |e| self.dropped(e, &format!("an answer came on {answer}")),
                |h| {
                    let Heard::Message(topic, payload) = h else {
                        return None;
                    };
                    if topic != answer {
                        return None;
                    }
                    let doc: Value = serde_json::from_slice(&payload).ok()?;
                    match list_items(list, &doc, self.file.driver.index_base, &origin, &self.name) {
                        Ok(items) => Some(Ok(items)),
                        Err(e) if probing => Some(Err(Error::NotFound(e.to_string()))),
                        Err(e) => {
                            last_error = Some(e);
                            None
                        }
                    }
                },
            )
            .await;
        match (found, last_error) {
            (Ok(items), _) => items,
            // An answer came that did not fit the file: that says more than the timeout.
            (Err(Error::Timeout(_)), Some(e)) => Err(e),
            (Err(e), _) => Err(e),
        }
    }
}

#[async_trait]
impl Backend for MqttBackend {
    fn write_attempts(&self) -> u32 {
        self.commands_sent.load(Ordering::SeqCst)
    }

    fn device(&self) -> &str {
        &self.label
    }

    /// Publishes the list's query and reads the first answer that lists the outlets (other
    /// answers on the same topic, to other commands, are passed over); a read, so tried
    /// again within the budget.
    async fn items(&self, variant: &Variant, _wants: Wants) -> Result<Vec<Value>> {
        if per_outlet(&variant.outlets.list) {
            let what = format!(
                "subscribe {}",
                variant.outlets.list.answer.as_deref().unwrap_or_default()
            );
            return self
                .retrier
                .run(Repeat::Read, &what, |t| self.retained(variant, t.allowed))
                .await;
        }
        let query = self.filled(variant.outlets.list.publish.as_deref(), 0, None, None);
        self.retrier
            .run(Repeat::Read, &format!("publish {query}"), |t| {
                self.query(variant, t.allowed)
            })
            .await
    }

    /// The profile's ids, for a file that reads one topic per outlet.
    fn ids(&self, variant: &Variant) -> Option<Vec<String>> {
        per_outlet(&variant.outlets.list).then(|| self.outlet_ids.clone())
    }

    async fn send(
        &self,
        request: &Request,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
        repeat: Repeat,
    ) -> Result<()> {
        // The engine percent-encodes ids (for URLs): a topic takes the id as it is.
        let id = id.map(|id| {
            percent_encoding::percent_decode_str(id)
                .decode_utf8_lossy()
                .into_owned()
        });
        let id = id.as_deref();
        let topic = self.filled(request.publish.as_deref(), n, id, value);
        let payload = self.filled(request.payload.as_deref(), n, id, value);
        // At most once for what adds up; at least once for the rest.
        let qos = if repeat == Repeat::Once {
            QoS::AtMostOnce
        } else {
            QoS::AtLeastOnce
        };
        let (topic, payload) = (&topic, &payload);
        self.retrier
            .run(repeat, &format!("publish {topic}"), |t| async move {
                let deadline = Instant::now() + t.allowed;
                let mut guard = self.link(None, deadline).await?;
                let Some(link) = guard.as_mut() else {
                    return Err(Error::Unreachable(format!("{}: not connected", self.label)));
                };
                let published = self
                    .publish(link, topic, payload.clone(), qos, deadline)
                    .await;
                // Counted once it was handed to the connection, whatever came of it.
                if !matches!(published, Err(Error::Unreachable(_))) {
                    self.commands_sent.fetch_add(1, Ordering::SeqCst);
                }
                published
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn retained_payloads_are_json_or_text_and_unwrapped_where_an_object() {
        let unwrap = Some("/value");
        assert_eq!(retained_item(b"true", unwrap), Ok(json!(true)));
        assert_eq!(
            retained_item(br#"{"time":1700000000000,"value":false}"#, unwrap),
            Ok(json!(false))
        );
        assert_eq!(retained_item(b" ON\r\n", None), Ok(json!("ON")));
        assert_eq!(
            retained_item(b"\xff\xfe", None),
            Ok(json!("\u{fffd}\u{fffd}"))
        );
        let e = retained_item(br#"{"time":1,"state":true}"#, unwrap).unwrap_err();
        assert!(e.contains("without /value"), "{e}");
    }
}
