
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pductl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pductl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'pductl' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the JSON value at PATH')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Overwrite PATH with a JSON value')
            [CompletionResult]::new('insert', 'insert', [CompletionResultType]::ParameterValue, 'Create an element at PATH (''-'' appends), shifting later ones')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete the element at PATH (''-'' is the last one)')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Call the method at PATH with each ARG as one JSON value (bare words are strings)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Print the type description of PATH')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Print the keys of the object or array at PATH as a JSON array')
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Print a deep text representation of PATH, marking what could not be read')
            [CompletionResult]::new('subscribe', 'subscribe', [CompletionResultType]::ParameterValue, 'Print PATH, then one JSON line per change, until interrupted or PATH is gone')
            [CompletionResult]::new('on', 'on', [CompletionResultType]::ParameterValue, 'Switch outlets on (and verify they are)')
            [CompletionResult]::new('off', 'off', [CompletionResultType]::ParameterValue, 'Switch outlets off (and verify they are)')
            [CompletionResult]::new('toggle', 'toggle', [CompletionResultType]::ParameterValue, 'Switch each outlet to the other state')
            [CompletionResult]::new('cycle', 'cycle', [CompletionResultType]::ParameterValue, 'Power-cycle outlets: the device''s own cycle where it has one, else off, wait, on; a group or several devices go all off, wait, all on')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show outlets: state, and power where metered (no target: every outlet of -d DEVICE)')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'Find NETIO and DLI devices on the LAN (NETIO UDP discover, subnet scan)')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage the devices in the profile file')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Serve a simulated device on loopback (for tests and trying pductl out)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pductl;get' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;set' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;insert' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;remove' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;invoke' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;describe' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;keys' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;dump' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;subscribe' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Seconds between polls (protocols without push)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after this many changes')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;on' {
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another pductl working on the same device')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not wait for the outlets to report the new state')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Switch outlets that are already in the wanted state')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;off' {
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another pductl working on the same device')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not wait for the outlets to report the new state')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Switch outlets that are already in the wanted state')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;toggle' {
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another pductl working on the same device')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not wait for the outlets to report the new state')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Switch outlets that are already in the wanted state')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;cycle' {
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another pductl working on the same device')
            [CompletionResult]::new('--off-time', '--off-time', [CompletionResultType]::ParameterName, 'Seconds off [default: the device''s own cycle delay, or 5]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not wait for the outlets to report the new state')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Switch outlets that are already in the wanted state')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;status' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;discover' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'UDP address to send from and read replies on (NETIO devices reply to port 62386)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Send NETIO''s discover request here [default: the broadcast address of every IPv4 interface, port 62387; none with --scan alone]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for replies')
            [CompletionResult]::new('--scan', '--scan', [CompletionResultType]::ParameterName, 'Also probe every host of this IPv4 block (e.g. 192.168.1.0/24) over HTTP')
            [CompletionResult]::new('--scan-ports', '--scan-ports', [CompletionResultType]::ParameterName, 'Ports to probe in a scan (HTTPS on 443)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Scan blocks larger than /16')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Add each device found to the profile file (named after its device name, no credentials); devices already there are left as they are')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;profile' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a device, taking its settings from the global options (--host, --user, ...)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the devices')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one device''s settings (never its password)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a device')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pductl;profile;add' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read a password from stdin and store it in the file (prefer --password-env, --password-command or --password-file)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing device of that name')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;profile;list' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;profile;show' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;profile;remove' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;profile;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a device, taking its settings from the global options (--host, --user, ...)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the devices')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one device''s settings (never its password)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a device')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pductl;profile;help;add' {
            break
        }
        'pductl;profile;help;list' {
            break
        }
        'pductl;profile;help;show' {
            break
        }
        'pductl;profile;help;remove' {
            break
        }
        'pductl;profile;help;help' {
            break
        }
        'pductl;sim' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('dli', 'dli', [CompletionResultType]::ParameterValue, 'A simulated Digital Loggers controller speaking the REST-style API')
            [CompletionResult]::new('netio', 'netio', [CompletionResultType]::ParameterValue, 'A simulated NETIO socket speaking the JSON API (/netio.json)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pductl;sim;dli' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on; port 0 picks a free one. The bound address is printed on stdout')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The account''s password [default: the vendor''s default]')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Inject a fault: slow=MS, garbage-body, truncated-body, oversized-body, drop-connection, silent-reject (NETIO), stuck-relay (DLI)')
            [CompletionResult]::new('--state-file', '--state-file', [CompletionResultType]::ParameterName, 'Keep the device''s state in this file (shared with other processes)')
            [CompletionResult]::new('--cert-out', '--cert-out', [CompletionResultType]::ParameterName, 'With --tls: write the simulator''s self-signed certificate (PEM) here, for clients'' --ca-file')
            [CompletionResult]::new('--outlets', '--outlets', [CompletionResultType]::ParameterName, 'Number of outlets')
            [CompletionResult]::new('--realm', '--realm', [CompletionResultType]::ParameterName, 'Digest realm [default: "DLI <serial>", as a real unit]')
            [CompletionResult]::new('--challenge', '--challenge', [CompletionResultType]::ParameterName, 'The Digest challenge: lpc9 (upper-case DIGEST, no qop, as a captured LPC9) or qop (qop="auth,auth-int", as other firmware)')
            [CompletionResult]::new('--lockout', '--lockout', [CompletionResultType]::ParameterName, 'Seconds a user is locked out after 3 failed logins [default: the unit''s config/lockout_delay_minutes, 5 minutes]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;sim;netio' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on; port 0 picks a free one. The bound address is printed on stdout')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The account''s password [default: the vendor''s default]')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Inject a fault: slow=MS, garbage-body, truncated-body, oversized-body, drop-connection, silent-reject (NETIO), stuck-relay (DLI)')
            [CompletionResult]::new('--state-file', '--state-file', [CompletionResultType]::ParameterName, 'Keep the device''s state in this file (shared with other processes)')
            [CompletionResult]::new('--cert-out', '--cert-out', [CompletionResultType]::ParameterName, 'With --tls: write the simulator''s self-signed certificate (PEM) here, for clients'' --ca-file')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Which NETIO model to be')
            [CompletionResult]::new('--read-user', '--read-user', [CompletionResultType]::ParameterName, 'Enable the read-only account with this user name ("" = reads need no login)')
            [CompletionResult]::new('--read-password', '--read-password', [CompletionResultType]::ParameterName, 'The read-only account''s password')
            [CompletionResult]::new('--nr-spelling', '--nr-spelling', [CompletionResultType]::ParameterName, 'Spelling of the non-resettable energy counters: EnergyNR or Energy_NR')
            [CompletionResult]::new('--discover', '--discover', [CompletionResultType]::ParameterName, 'Answer NETIO UDP discover requests arriving at this address (port 0 picks a free one; the bound address is printed on a second line)')
            [CompletionResult]::new('--mac', '--mac', [CompletionResultType]::ParameterName, 'The unit''s MAC address [default: 02:4E:45:54:49:4F]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port (default: the protocol''s usual port)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol to speak')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this shell command and use its output as the password')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file')
            [CompletionResult]::new('--password-command-timeout', '--password-command-timeout', [CompletionResultType]::ParameterName, 'Seconds a password command may run before it is stopped [default: 60]')
            [CompletionResult]::new('--write-user', '--write-user', [CompletionResultType]::ParameterName, 'A separate account for writes (NETIO: the JSON API''s read-write account)')
            [CompletionResult]::new('--write-password-env', '--write-password-env', [CompletionResultType]::ParameterName, 'Read the write account''s password from this environment variable')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'HTTP authentication scheme')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for each request, connecting included [default: 10]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the device''s TLS certificate')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr (never shows passwords)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use HTTPS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but data and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would change something instead of sending them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pductl;sim;help' {
            [CompletionResult]::new('dli', 'dli', [CompletionResultType]::ParameterValue, 'A simulated Digital Loggers controller speaking the REST-style API')
            [CompletionResult]::new('netio', 'netio', [CompletionResultType]::ParameterValue, 'A simulated NETIO socket speaking the JSON API (/netio.json)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pductl;sim;help;dli' {
            break
        }
        'pductl;sim;help;netio' {
            break
        }
        'pductl;sim;help;help' {
            break
        }
        'pductl;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the JSON value at PATH')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Overwrite PATH with a JSON value')
            [CompletionResult]::new('insert', 'insert', [CompletionResultType]::ParameterValue, 'Create an element at PATH (''-'' appends), shifting later ones')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete the element at PATH (''-'' is the last one)')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Call the method at PATH with each ARG as one JSON value (bare words are strings)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Print the type description of PATH')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Print the keys of the object or array at PATH as a JSON array')
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Print a deep text representation of PATH, marking what could not be read')
            [CompletionResult]::new('subscribe', 'subscribe', [CompletionResultType]::ParameterValue, 'Print PATH, then one JSON line per change, until interrupted or PATH is gone')
            [CompletionResult]::new('on', 'on', [CompletionResultType]::ParameterValue, 'Switch outlets on (and verify they are)')
            [CompletionResult]::new('off', 'off', [CompletionResultType]::ParameterValue, 'Switch outlets off (and verify they are)')
            [CompletionResult]::new('toggle', 'toggle', [CompletionResultType]::ParameterValue, 'Switch each outlet to the other state')
            [CompletionResult]::new('cycle', 'cycle', [CompletionResultType]::ParameterValue, 'Power-cycle outlets: the device''s own cycle where it has one, else off, wait, on; a group or several devices go all off, wait, all on')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show outlets: state, and power where metered (no target: every outlet of -d DEVICE)')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'Find NETIO and DLI devices on the LAN (NETIO UDP discover, subnet scan)')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage the devices in the profile file')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Serve a simulated device on loopback (for tests and trying pductl out)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pductl;help;get' {
            break
        }
        'pductl;help;set' {
            break
        }
        'pductl;help;insert' {
            break
        }
        'pductl;help;remove' {
            break
        }
        'pductl;help;invoke' {
            break
        }
        'pductl;help;describe' {
            break
        }
        'pductl;help;keys' {
            break
        }
        'pductl;help;dump' {
            break
        }
        'pductl;help;subscribe' {
            break
        }
        'pductl;help;on' {
            break
        }
        'pductl;help;off' {
            break
        }
        'pductl;help;toggle' {
            break
        }
        'pductl;help;cycle' {
            break
        }
        'pductl;help;status' {
            break
        }
        'pductl;help;discover' {
            break
        }
        'pductl;help;profile' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a device, taking its settings from the global options (--host, --user, ...)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the devices')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one device''s settings (never its password)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a device')
            break
        }
        'pductl;help;profile;add' {
            break
        }
        'pductl;help;profile;list' {
            break
        }
        'pductl;help;profile;show' {
            break
        }
        'pductl;help;profile;remove' {
            break
        }
        'pductl;help;sim' {
            [CompletionResult]::new('dli', 'dli', [CompletionResultType]::ParameterValue, 'A simulated Digital Loggers controller speaking the REST-style API')
            [CompletionResult]::new('netio', 'netio', [CompletionResultType]::ParameterValue, 'A simulated NETIO socket speaking the JSON API (/netio.json)')
            break
        }
        'pductl;help;sim;dli' {
            break
        }
        'pductl;help;sim;netio' {
            break
        }
        'pductl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
