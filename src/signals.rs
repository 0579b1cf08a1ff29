//! The signals that end a run: SIGINT (Ctrl-C), SIGTERM and SIGHUP.

/// A future that resolves with the number of the first of SIGINT, SIGTERM and SIGHUP to
/// arrive, with the handlers in place from the moment this returns (so a simulator that has
/// printed its address can already be stopped).
#[cfg(unix)]
pub fn interrupt_listener() -> std::io::Result<impl std::future::Future<Output = i32>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => crate::error::SIGINT,
            _ = terminate.recv() => crate::error::SIGTERM,
            _ = hangup.recv() => crate::error::SIGHUP,
        }
    })
}

#[cfg(not(unix))]
pub fn interrupt_listener() -> std::io::Result<impl std::future::Future<Output = i32>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        crate::error::SIGINT
    })
}
