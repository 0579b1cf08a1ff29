//! Telnet framing for the session backend (RFC 854/855), as little of it as a device's CLI
//! needs: every option the device offers or asks for is refused politely (DO → WONT,
//! WILL → DONT, each at most once per option, so two refusing peers cannot loop), and
//! what the conversation's `expect` steps see is the data alone: commands, option
//! negotiation and subnegotiations are taken out, `IAC IAC` is one 0xFF byte, and the NUL a
//! telnet peer sends after a bare CR is dropped. Nothing here grows with what the device
//! sends: a subnegotiation is skipped byte by byte, never kept.

/// Interpret As Command.
const IAC: u8 = 255;
const DONT: u8 = 254;
const DO: u8 = 253;
const WONT: u8 = 252;
const WILL: u8 = 251;
/// Subnegotiation begins / ends.
const SB: u8 = 250;
const SE: u8 = 240;

/// Where the filter is in the byte stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Data,
    /// After a CR in the data: a NUL next is padding (NVT "CR NUL").
    Cr,
    /// After IAC.
    Iac,
    /// After IAC and DO, DONT, WILL or WONT: the option byte comes next.
    Option(u8),
    /// Inside IAC SB ... IAC SE.
    Sub,
    /// After an IAC inside a subnegotiation.
    SubIac,
}

/// One connection's telnet state: where the parser is, and which refusals were sent.
#[derive(Debug)]
pub struct Telnet {
    state: State,
    /// Options already refused: `[0]` answered DO with WONT, `[1]` answered WILL with DONT.
    refused: [[bool; 256]; 2],
}

impl Default for Telnet {
    fn default() -> Telnet {
        Telnet {
            state: State::Data,
            refused: [[false; 256]; 2],
        }
    }
}

impl Telnet {
    /// Splits `input` (bytes as they came off the wire) into the device's data, appended to
    /// `data`, and the refusals to send back, appended to `reply`. The state carries over
    /// between calls, so a sequence cut between two reads is still understood.
    pub fn receive(&mut self, input: &[u8], data: &mut Vec<u8>, reply: &mut Vec<u8>) {
        for &byte in input {
            self.state = match (self.state, byte) {
                (State::Data | State::Cr, IAC) => State::Iac,
                (State::Cr, 0) => State::Data,
                (State::Data | State::Cr, b'\r') => {
                    data.push(byte);
                    State::Cr
                }
                (State::Data | State::Cr, _) => {
                    data.push(byte);
                    State::Data
                }
                (State::Iac, IAC) => {
                    data.push(IAC);
                    State::Data
                }
                (State::Iac, DO | DONT | WILL | WONT) => State::Option(byte),
                (State::Iac, SB) => State::Sub,
                // NOP, GA, AYT, a stray SE...: nothing to answer, nothing to show.
                (State::Iac, _) => State::Data,
                (State::Option(verb), option) => {
                    self.refuse(verb, option, reply);
                    State::Data
                }
                (State::Sub, IAC) => State::SubIac,
                (State::Sub, _) => State::Sub,
                (State::SubIac, SE) => State::Data,
                (State::SubIac, _) => State::Sub,
            };
        }
    }

    /// Answers a DO with WONT and a WILL with DONT, once per option. DONT and WONT need no
    /// answer: nothing was ever enabled.
    fn refuse(&mut self, verb: u8, option: u8, reply: &mut Vec<u8>) {
        let (answered, answer) = match verb {
            DO => (&mut self.refused[0][usize::from(option)], WONT),
            WILL => (&mut self.refused[1][usize::from(option)], DONT),
            _ => return,
        };
        if !*answered {
            *answered = true;
            reply.extend_from_slice(&[IAC, answer, option]);
        }
    }
}

/// `text` as it goes on a telnet wire: a 0xFF byte doubled, so the device reads it as data.
pub fn escaped(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for &byte in text {
        out.push(byte);
        if byte == IAC {
            out.push(IAC);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(telnet: &mut Telnet, input: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let (mut data, mut reply) = (Vec::new(), Vec::new());
        telnet.receive(input, &mut data, &mut reply);
        (data, reply)
    }

    #[test]
    fn options_are_refused_once_and_taken_out_of_the_data() {
        let mut t = Telnet::default();
        // WILL ECHO, DO TERMINAL-TYPE, WILL SGA, then the prompt.
        let input = [
            &[IAC, WILL, 1, IAC, DO, 24, IAC, WILL, 3][..],
            b"Password: ",
        ]
        .concat();
        let (data, reply) = run(&mut t, &input);
        assert_eq!(data, b"Password: ");
        assert_eq!(reply, [IAC, DONT, 1, IAC, WONT, 24, IAC, DONT, 3]);
        // Asked again: not answered again; DONT and WONT need no answer.
        let (data, reply) = run(&mut t, &[IAC, WILL, 1, IAC, DONT, 5, IAC, WONT, 6, b'x']);
        assert_eq!(data, b"x");
        assert!(reply.is_empty());
    }

    #[test]
    fn sequences_cut_between_reads_subnegotiations_and_escapes() {
        let mut t = Telnet::default();
        let (data, reply) = run(&mut t, &[b'a', IAC]);
        assert_eq!((data.as_slice(), reply.as_slice()), (&b"a"[..], &[][..]));
        let (data, reply) = run(&mut t, &[DO]);
        assert!(data.is_empty() && reply.is_empty());
        let (data, reply) = run(&mut t, &[31, b'b']);
        assert_eq!(data, b"b");
        assert_eq!(reply, [IAC, WONT, 31]);
        // A subnegotiation (with an escaped IAC inside) is skipped; IAC IAC is 0xFF; CR NUL
        // is CR; IAC NOP is nothing.
        let input = [
            IAC, SB, 24, 1, IAC, IAC, 9, IAC, SE, b'c', IAC, IAC, b'\r', 0, b'\n', IAC, 241,
        ];
        let (data, _) = run(&mut t, &input);
        assert_eq!(data, [b'c', IAC, b'\r', b'\n']);
        assert_eq!(escaped(&[1, IAC, 2]), [1, IAC, IAC, 2]);
    }
}
