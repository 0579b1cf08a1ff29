//! Being built (issue 23): the sample store (SQLite) and energy windows.
