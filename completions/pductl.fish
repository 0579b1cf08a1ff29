# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_pductl_global_optspecs
    string join \n d/device= host= port= protocol= driver= user= password-env= password-command= password-file= password-command-timeout= write-user= write-password-env= auth-protocol= priv-protocol= priv-password-env= identity-file= auth= snmp-version= outlets= layout= topic-root= ssh-config= tls insecure ca-file= timeout= cycle-delay= retries= o/output= v/verbose q/quiet config= dry-run no-wait h/help V/version
end

function __fish_pductl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_pductl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_pductl_using_subcommand
    set -l cmd (__fish_pductl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c pductl -n "__fish_pductl_needs_command" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_needs_command" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_needs_command" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_needs_command" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_needs_command" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_needs_command" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_needs_command" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_needs_command" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_needs_command" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_needs_command" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_needs_command" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_needs_command" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_needs_command" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_needs_command" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_needs_command" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_needs_command" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_needs_command" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_needs_command" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_needs_command" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_needs_command" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_needs_command" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_needs_command" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_needs_command" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_needs_command" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_needs_command" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_needs_command" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_needs_command" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_needs_command" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_needs_command" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_needs_command" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_needs_command" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_needs_command" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_needs_command" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_needs_command" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_needs_command" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "get" -d 'Print the JSON value at PATH'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "set" -d 'Overwrite PATH with a JSON value'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "insert" -d 'Create an element at PATH (\'-\' appends), shifting later ones'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "remove" -d 'Delete the element at PATH (\'-\' is the last one)'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "invoke" -d 'Call the method at PATH with each ARG as one JSON value (bare words are strings)'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "describe" -d 'Print the type description of PATH'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "keys" -d 'Print the keys of the object or array at PATH as a JSON array'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "dump" -d 'Print a deep text representation of PATH, marking what could not be read'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "subscribe" -d 'Print PATH, then one JSON line per change, until interrupted or PATH is gone'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "on" -d 'Switch outlets on (and verify they are)'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "off" -d 'Switch outlets off (and verify they are)'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "toggle" -d 'Switch each outlet to the other state'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "cycle" -d 'Power-cycle outlets: the device\'s own cycle where it has one, else off, wait, on; a group or several devices go all off, wait, all on'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "status" -d 'Show outlets: state, and power where metered (no target: every outlet of -d DEVICE or --host)'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "discover" -d 'Find NETIO and DLI devices on the LAN (NETIO UDP discover, subnet scan)'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "fence" -d 'Act as a fence agent for Pacemaker (also: run as fence_pductl); options as fence agents take them (-o ACTION -a DEVICE -n PLUG ...) or key=value lines on stdin'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "serve" -d 'Serve pdudaemon\'s HTTP API (/power/control/{on,off,reboot}, /power/status) over the profile\'s devices, for LAVA, labgrid and pduclient; or Prometheus metrics; or present one device as a DLI controller or a NETIO socket (--api)'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "record" -d 'Read the metered values of devices and add them to the sample store (for `energy`)'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "energy" -d 'Energy used per outlet over recent windows, from the sample store `record` fills'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "profile" -d 'Manage the devices in the profile file'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "drivers" -d 'Driver files: devices described in TOML instead of Rust'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "sim" -d 'Serve a simulated device on loopback (for tests and trying pductl out)'
complete -c pductl -n "__fish_pductl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pductl -n "__fish_pductl_using_subcommand get" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand get" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand get" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand get" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand get" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand get" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand get" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand get" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand get" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand get" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand get" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand get" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand get" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand get" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand get" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand get" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand get" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand get" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand get" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand get" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand set" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand set" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand set" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand set" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand set" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand set" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand set" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand set" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand set" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand set" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand set" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand set" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand set" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand set" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand set" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand set" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand set" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand set" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand set" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand set" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand insert" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand insert" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand insert" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand insert" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand insert" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand insert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand insert" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand remove" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand remove" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand remove" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand remove" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand remove" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand remove" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand invoke" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand describe" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand describe" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand describe" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand describe" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand describe" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand describe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand describe" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand keys" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand keys" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand keys" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand keys" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand keys" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand keys" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand keys" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand dump" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand dump" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand dump" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand dump" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand dump" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand dump" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand dump" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l interval -d 'Seconds between polls (protocols without push)' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l count -d 'Stop after this many change lines (one per changed leaf: switching an outlet changes state, transient_state and physical_state, three lines)' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand subscribe" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand on" -l lock-timeout -d 'Seconds to wait for another pductl working on the same device' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand on" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand on" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand on" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand on" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand on" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand on" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand on" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand on" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand on" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand on" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand on" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand on" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand on" -l no-verify -d 'Do not wait for the outlets to report the new state'
complete -c pductl -n "__fish_pductl_using_subcommand on" -l force -d 'Switch outlets that are already in the wanted state'
complete -c pductl -n "__fish_pductl_using_subcommand on" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand on" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand on" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand on" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand on" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand on" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand on" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand on" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand off" -l lock-timeout -d 'Seconds to wait for another pductl working on the same device' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand off" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand off" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand off" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand off" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand off" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand off" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand off" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand off" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand off" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand off" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand off" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand off" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand off" -l no-verify -d 'Do not wait for the outlets to report the new state'
complete -c pductl -n "__fish_pductl_using_subcommand off" -l force -d 'Switch outlets that are already in the wanted state'
complete -c pductl -n "__fish_pductl_using_subcommand off" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand off" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand off" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand off" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand off" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand off" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand off" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand off" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l lock-timeout -d 'Seconds to wait for another pductl working on the same device' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l no-verify -d 'Do not wait for the outlets to report the new state'
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l force -d 'Switch outlets that are already in the wanted state'
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand toggle" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l lock-timeout -d 'Seconds to wait for another pductl working on the same device' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l off-time -d 'Seconds off [default: the device\'s own cycle delay, or 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l no-verify -d 'Do not wait for the outlets to report the new state'
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l force -d 'Switch outlets that are already in the wanted state'
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand cycle" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand status" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand status" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand status" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand status" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand status" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand status" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand status" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand status" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand status" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand status" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand status" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand status" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand status" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand status" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand status" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand status" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand status" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand status" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand status" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand status" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l listen -d 'UDP address to send from and read replies on (NETIO devices reply to port 62386)' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l target -d 'Send NETIO\'s discover request here [default: the broadcast address of every IPv4 interface, port 62387; none with --scan alone]' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l wait -d 'Seconds to wait for replies' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l scan -d 'Also probe every host of this IPv4 block (e.g. 192.168.1.0/24) over HTTP' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l scan-ports -d 'Ports to probe in a scan (HTTPS on 443), and, with --save, where to look for the JSON API of a device found by UDP discover' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand discover" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l force -d 'Scan blocks larger than /16'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l save -d 'Add each device found to the profile file (named after its device name, no credentials); devices already there are left as they are'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l upnp -d 'Also look for UPnP (Belkin WeMo) sockets: SSDP M-SEARCH to 239.255.255.250:1900, or to each --target HOST:PORT'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand discover" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand fence" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand fence" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand fence" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand fence" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand fence" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand fence" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l api -d 'The APIs to serve on the one port (comma-separated or repeated): pdudaemon (/power/...), metrics (Prometheus, /metrics), dli-rest (-d DEVICE as a DLI controller, /restapi/...), netio-json (-d DEVICE as a NETIO socket, /netio.json)' -r -f -a "pdudaemon\t'pdudaemon\'s HTTP API over the profile\'s devices'
metrics\t'A Prometheus/OpenMetrics endpoint at /metrics over the profile\'s devices'
dli-rest\t'The device -d names, as a DLI controller\'s REST-style API'
netio-json\t'The device -d names, as a NETIO socket\'s JSON API'"
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l listen -d 'Address to listen on (pdudaemon\'s port is 16421); the bound address is printed' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l allow -d 'Accept requests only from these addresses (CIDR, repeatable); pdudaemon\'s API and /metrics have no authentication, so serving beyond loopback without --allow prints a warning' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l serve-user -d 'dli-rest, netio-json: the account clients log in with [default: the vendor\'s default user, admin or netio]' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l serve-password-env -d 'dli-rest, netio-json: read the clients\' password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l serve-password-file -d 'dli-rest, netio-json: read the clients\' password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l cert -d 'With --tls: the server\'s certificate chain (PEM)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l key -d 'With --tls: the certificate\'s private key (PEM)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand serve" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand serve" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand serve" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand serve" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand serve" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand serve" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand record" -l store -d 'The sample store [default: $XDG_STATE_HOME/pductl/energy.sqlite]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand record" -l every -d 'Keep recording, a round every DURATION (60s, 5m, 200ms, 0.2s), until interrupted' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l keep -d 'Prune samples older than this (400d, 12w, 90m, ...)' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand record" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand record" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand record" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand record" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand record" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand record" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand record" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand record" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand record" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand record" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand record" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand record" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand record" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand record" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand record" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand record" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand record" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand record" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand record" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand record" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l store -d 'The sample store [default: $XDG_STATE_HOME/pductl/energy.sqlite]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l window -d 'Windows ending now (or at --until), comma-separated durations (4s, 90m, 1h, 7d)' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l since -d 'One window from TIME instead of --window: RFC 3339 (2026-03-01T08:00:00Z), a duration ago (2h) or now' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l until -d 'The windows end at TIME instead of now: RFC 3339, a duration ago (2h) or now' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand energy" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand energy" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand energy" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand energy" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand energy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand energy" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -f -a "add" -d 'Add a device, taking its settings from the global options (--host, --user, ...)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -f -a "list" -d 'List the devices'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -f -a "show" -d 'Show one device\'s settings (never its password)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -f -a "remove" -d 'Remove a device'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l password-stdin -d 'Read a password from stdin and store it in the file (prefer --password-env, --password-command or --password-file)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l force -d 'Replace an existing device of that name'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a device, taking its settings from the global options (--host, --user, ...)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the devices'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one device\'s settings (never its password)'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a device'
complete -c pductl -n "__fish_pductl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -f -a "list" -d 'List the drivers: built in, and the user\'s ($XDG_CONFIG_HOME/pductl/drivers/*.toml)'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -f -a "show" -d 'Print a driver\'s file, by id or by path'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -f -a "check" -d 'Check a driver file, by path or by id: exit 0, or exit 2 naming file:line:col and what is wrong'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and not __fish_seen_subcommand_from list show check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the drivers: built in, and the user\'s ($XDG_CONFIG_HOME/pductl/drivers/*.toml)'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a driver\'s file, by id or by path'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check a driver file, by path or by id: exit 0, or exit 2 naming file:line:col and what is wrong'
complete -c pductl -n "__fish_pductl_using_subcommand drivers; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -s h -l help -d 'Print help'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -f -a "netio" -d 'A simulated NETIO socket speaking the JSON API (/netio.json)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -f -a "snmp-pdu" -d 'A simulated vendor PDU\'s MIB (APC, Raritan, Eaton, ServerTech, CyberPower, Tripp Lite) on stdin/stdout for net-snmp\'s snmpd (pass_persist)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -f -a "dli" -d 'A simulated Digital Loggers controller speaking the REST-style API'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and not __fish_seen_subcommand_from netio snmp-pdu dli help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l listen -d 'Address to listen on; port 0 picks a free one. The bound address is printed on stdout' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l password -d 'The account\'s password [default: the vendor\'s default]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l fault -d 'Inject a fault: slow=MS, garbage-body, truncated-body, oversized-body, drop-connection; sim dli also stuck-relay, sim netio also silent-reject' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l state-file -d 'Keep the device\'s state in this file (shared with other processes)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l cert-out -d 'With --tls: write the simulator\'s self-signed certificate (PEM) here, for clients\' --ca-file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l model -d 'Which NETIO model to be' -r -f -a "netio-4\t'NETIO 4: 4 outputs, no metering (FW 3.0.3, JSONVer 2.0)'
netio-4all\t'NETIO 4All: 4 metered outputs (FW 3.1.0, JSONVer 2.1)'
powerpdu-4c\t'PowerPDU 4C: 4 metered outputs, NETIO 4x platform (JSONVer 2.1); NETIO\'s public "netio-4c" demo unit'
powerpdu-4ps\t'PowerPDU 4PS: 4 outputs, no metering, clock never set (FW 3.0.1, JSONVer 2.3)'
powercable\t'PowerCable 101x: 1 metered output, string OemID/VendorID, no serial number (FW 2.1.0, JSONVer 2.0)'
powerpdu-8qs\t'PowerPDU 8QS: 8 outputs, output 1 metered, 1 input (JSONVer 2.4)'
powerdin-4pz\t'PowerDIN 4PZ: 4 outputs, outputs 1-2 metered, 2 inputs (JSONVer 2.4)'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l read-user -d 'Enable the read-only account with this user name ("" = reads need no login)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l read-password -d 'The read-only account\'s password' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l nr-spelling -d 'Spelling of the non-resettable energy counters: EnergyNR or Energy_NR' -r -f -a "plain\t''
underscore\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l discover -d 'Answer NETIO UDP discover requests arriving at this address (port 0 picks a free one; the bound address is printed on a second line)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l mac -d 'The unit\'s MAC address [default: 02:4E:45:54, then the HTTP port\'s two bytes]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l mqtt -d 'Also be a client of this MQTT broker in the MQTT-flex layout: ROOT/output/ID/action, .../state, .../load' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l topic-root -d 'The MQTT topic root' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l energy-rate -d 'Energy counters grow this many Wh per second at each output\'s load, instead of the real load x time (fast enough for tests)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l reset-energy-after -d 'Reset the resettable energy counters (Energy, EnergyStart) every SECONDS, as a user does in the web interface' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l xml -d 'Also serve NETIO\'s XML API (/netio.xml) over the same state'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from netio" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l model -d 'Which unit to be' -r -f -a "apc-ap8641\t'APC AP8641 (AOS 6.x rpdu2g): rPDU2, rPDU and sPDU tables over the same 24 outlets'
apc-ap7900\t'APC AP7900 (older AOS): rPDU and sPDU tables, 8 outlets'
apc-ap9211\t'APC AP9211 MasterSwitch: the sPDU table alone, 8 outlets'
apc-ap7853\t'APC AP7853 metered PDU: counts, no switched outlets'
raritan-px2\t'Raritan PX2 (PDU2-MIB), 8 outlets, sensor values with decimal digits'
eaton-epdu-g3\t'Eaton ePDU G3 (EATON-EPDU-MIB), 8 outlets, separate on/off/reboot command columns'
sentry3\t'ServerTech Sentry CW-24VDD (Sentry3-MIB), 24 outlets as 1.1.1..1.3.8'
sentry4\t'ServerTech/Vertiv Sentry4 Smart PDU (Sentry4-MIB), 36 outlets as 1.1.1..1.1.36'
cyberpower\t'CyberPower PDU81001 ePDU (CPS-MIB), 8 outlets'
tripplite-lx\t'Tripp Lite PDU with an LX network card (TRIPPLITE-PRODUCTS), 8 outlets'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l switch-delay -d 'Milliseconds a change stays pending before the relay moves [default: the model\'s]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l reboot-off-time -d 'Milliseconds a reboot keeps the outlet off (real units: 5-10 s)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l outlets -d 'A device that cannot list its outlets (Modbus relays): how many (8), or the device\'s ids of them in outlet order (0,1,4)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l topic-root -d 'MQTT: the device\'s topic root ("pcr12345", "netio/NETIO-AN40")' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from snmp-pdu" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l listen -d 'Address to listen on; port 0 picks a free one. The bound address is printed on stdout' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l password -d 'The account\'s password [default: the vendor\'s default]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l fault -d 'Inject a fault: slow=MS, garbage-body, truncated-body, oversized-body, drop-connection; sim dli also stuck-relay, sim netio also silent-reject' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l state-file -d 'Keep the device\'s state in this file (shared with other processes)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l cert-out -d 'With --tls: write the simulator\'s self-signed certificate (PEM) here, for clients\' --ca-file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l realm -d 'Digest realm [default: "DLI <serial>", as a real unit]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l challenge -d 'The Digest challenge: lpc9 (upper-case DIGEST, no qop, as a captured LPC9) or qop (qop="auth,auth-int", as other firmware)' -r -f -a "lpc9\t'As a captured LPC9: `DIGEST realm="DLI <serial>", nonce="..."`, no qop, algorithm or opaque; answers are checked in RFC 2069\'s form, MD5(HA1:nonce:HA2)'
qop\t'As other DLI firmware: `Digest realm=..., qop="auth,auth-int", algorithm=MD5, nonce, opaque`'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l lockout -d 'Seconds a user is locked out after 3 failed logins [default: the unit\'s config/lockout_delay_minutes, 5 minutes]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l mqtt -d 'Also be a client of this MQTT broker: outlet states retained on ROOT/outlets/N, commands on ROOT/outlets/N/set' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l topic-root -d 'The MQTT topic root' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l model -d 'Which unit to be: rest (the REST API and the legacy web interface on one port) or lpc7 (a Web Power Switch 7: the legacy web interface only)' -r -f -a "rest\t'A current unit: the REST API and the legacy web interface on one port, with a WiFi-generation unit\'s pages (16-character challenge)'
lpc7\t'A Web Power Switch 7 (LPC7, firmware 1.8): only the legacy web interface (15-character challenge, /restapi/ answers 404, Basic logins always taken)'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l coap-auth -d 'Who may use the CoAP-over-WebSocket face (/.well-known/coap): the REST login on the upgrade (login), or anyone (none: for clients that cannot send a login)' -r -f -a "login\t''
none\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l upnp-base-port -d 'With --upnp: outlet i\'s socket on port P+i instead of a free port' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l ssdp -d 'With --upnp: answer SSDP M-SEARCH requests on this UDP address (239.255.255.250:1900 for the real multicast group)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l energy-rate -d 'Meter each outlet (meter/values: power, energy) with energy counters growing this many Wh per second at the outlet\'s load (fast enough for tests)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l outlets -d 'Number of outlets, 1 to 64 [default: 8]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -s d -l device -d 'Device name from the profile file ("demo" and "demo-netio" are built-in simulators)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l host -d 'Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an ad-hoc device)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l port -d 'TCP port (default: the protocol\'s usual port)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l protocol -d 'Protocol to speak' -r -f -a "dli-rest\t'Digital Loggers REST-style API over HTTP(S)'
dli-legacy\t'Digital Loggers\' legacy web interface (units before the REST API; dlipower\'s)'
dli-ssh\t'DLI\'s `uom` command line over SSH (the system\'s ssh client)'
dli-coap\t'DLI\'s REST object model over CoAP over WebSockets (RFC 8323)'
wemo\t'A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet)'
netio-json\t'NETIO JSON API (/netio.json) over HTTP(S)'
netio-xml\t'NETIO XML API (/netio.xml) over HTTP(S)'
snmp\t'SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460)'
mqtt\t'MQTT through a broker: DLI\'s topics or NETIO\'s MQTT-flex'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l driver -d 'Reach the device as this driver file describes (see \'pductl drivers list\')' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l password-env -d 'Read the password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l password-command -d 'Run this shell command and use its output as the password' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l password-file -d 'Read the password from this file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l password-command-timeout -d 'Seconds a password command may run before it is stopped [default: 60]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l write-user -d 'A separate account for writes (NETIO: the JSON API\'s read-write account)' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l write-password-env -d 'Read the write account\'s password from this environment variable' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l auth-protocol -d 'SNMPv3 authentication protocol (the password is the passphrase)' -r -f -a "md5\t''
sha1\t''
sha224\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l priv-protocol -d 'SNMPv3 privacy protocol (needs --auth-protocol)' -r -f -a "des\t''
aes128\t''
aes192\t''
aes256\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l priv-password-env -d 'Read the SNMPv3 privacy passphrase from this environment variable [default: the password]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l identity-file -d 'dli-ssh: the private key to log in with (ssh -i) [default: the agent\'s, or ssh\'s own]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l auth -d 'HTTP authentication scheme' -r -f -a "digest\t'HTTP Digest (MD5, qop=auth): DLI\'s default'
basic\t'HTTP Basic: only where the device allows plaintext logins'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l snmp-version -d 'SNMP version (v1 and v2c: the password is the community) [default: 2c]' -r -f -a "1\t''
2c\t''
3\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l layout -d 'MQTT topic layout [default: dli]' -r -f -a "dli\t''
netio-flex\t''"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l ssh-config -d 'dli-ssh: the ssh client\'s configuration file (ssh -F)' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l ca-file -d 'Trust the CA certificates in this PEM file' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l timeout -d 'Seconds allowed for each try of a request, connecting included [default: 10]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l cycle-delay -d 'Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT\'s DLI layout) [default: 5]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l retries -d 'Tries beyond the first for a request that is safe to repeat [default: 3]' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -s o -l output -d 'Output format [default: json, except where a command\'s help says otherwise]' -r -f -a "json\t'JSON: pretty on a terminal, one line when piped'
table\t'A table (arrays of objects, objects)'
text\t'Plain text: strings unquoted, one array element per line'"
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l config -d 'Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]' -r -F
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l user -d 'User name' -r
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l snmp-pass-persist -d 'Serve the ENERGY-OBJECT-MIB on stdin/stdout for net-snmp\'s snmpd (pass_persist), from --state-file, instead of HTTP'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l upnp -d 'Also expose each outlet as a Belkin WeMo socket on a port of its own (printed as "UPNP <outlet> <port>" lines after the address)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l insecure -d 'Do not verify the device\'s TLS certificate'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -s v -l verbose -d 'Trace each request on stderr (never shows passwords)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l dry-run -d 'Print the requests that would change something instead of sending them'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l no-wait -d 'MQTT: publish a command without waiting for the device\'s state topic to confirm it'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -l tls -d 'Use HTTPS'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -s q -l quiet -d 'Print nothing but data and errors'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from dli" -s V -l version -d 'Print version'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "netio" -d 'A simulated NETIO socket speaking the JSON API (/netio.json)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "snmp-pdu" -d 'A simulated vendor PDU\'s MIB (APC, Raritan, Eaton, ServerTech, CyberPower, Tripp Lite) on stdin/stdout for net-snmp\'s snmpd (pass_persist)'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "dli" -d 'A simulated Digital Loggers controller speaking the REST-style API'
complete -c pductl -n "__fish_pductl_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "get" -d 'Print the JSON value at PATH'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "set" -d 'Overwrite PATH with a JSON value'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "insert" -d 'Create an element at PATH (\'-\' appends), shifting later ones'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "remove" -d 'Delete the element at PATH (\'-\' is the last one)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "invoke" -d 'Call the method at PATH with each ARG as one JSON value (bare words are strings)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "describe" -d 'Print the type description of PATH'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "keys" -d 'Print the keys of the object or array at PATH as a JSON array'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "dump" -d 'Print a deep text representation of PATH, marking what could not be read'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "subscribe" -d 'Print PATH, then one JSON line per change, until interrupted or PATH is gone'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "on" -d 'Switch outlets on (and verify they are)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "off" -d 'Switch outlets off (and verify they are)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "toggle" -d 'Switch each outlet to the other state'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "cycle" -d 'Power-cycle outlets: the device\'s own cycle where it has one, else off, wait, on; a group or several devices go all off, wait, all on'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "status" -d 'Show outlets: state, and power where metered (no target: every outlet of -d DEVICE or --host)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "discover" -d 'Find NETIO and DLI devices on the LAN (NETIO UDP discover, subnet scan)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "fence" -d 'Act as a fence agent for Pacemaker (also: run as fence_pductl); options as fence agents take them (-o ACTION -a DEVICE -n PLUG ...) or key=value lines on stdin'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "serve" -d 'Serve pdudaemon\'s HTTP API (/power/control/{on,off,reboot}, /power/status) over the profile\'s devices, for LAVA, labgrid and pduclient; or Prometheus metrics; or present one device as a DLI controller or a NETIO socket (--api)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "record" -d 'Read the metered values of devices and add them to the sample store (for `energy`)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "energy" -d 'Energy used per outlet over recent windows, from the sample store `record` fills'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "profile" -d 'Manage the devices in the profile file'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "drivers" -d 'Driver files: devices described in TOML instead of Rust'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "sim" -d 'Serve a simulated device on loopback (for tests and trying pductl out)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and not __fish_seen_subcommand_from get set insert remove invoke describe keys dump subscribe on off toggle cycle status discover fence serve record energy profile drivers sim help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "add" -d 'Add a device, taking its settings from the global options (--host, --user, ...)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the devices'
complete -c pductl -n "__fish_pductl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Show one device\'s settings (never its password)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "remove" -d 'Remove a device'
complete -c pductl -n "__fish_pductl_using_subcommand help; and __fish_seen_subcommand_from drivers" -f -a "list" -d 'List the drivers: built in, and the user\'s ($XDG_CONFIG_HOME/pductl/drivers/*.toml)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and __fish_seen_subcommand_from drivers" -f -a "show" -d 'Print a driver\'s file, by id or by path'
complete -c pductl -n "__fish_pductl_using_subcommand help; and __fish_seen_subcommand_from drivers" -f -a "check" -d 'Check a driver file, by path or by id: exit 0, or exit 2 naming file:line:col and what is wrong'
complete -c pductl -n "__fish_pductl_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "netio" -d 'A simulated NETIO socket speaking the JSON API (/netio.json)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "snmp-pdu" -d 'A simulated vendor PDU\'s MIB (APC, Raritan, Eaton, ServerTech, CyberPower, Tripp Lite) on stdin/stdout for net-snmp\'s snmpd (pass_persist)'
complete -c pductl -n "__fish_pductl_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "dli" -d 'A simulated Digital Loggers controller speaking the REST-style API'
