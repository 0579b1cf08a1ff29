"""A real CoAP-over-WebSockets client (aiocoap) against `pductl sim dli --coap-auth none`.

Usage: dli_coap_client.py get URI | put URI JSON
Prints {"code": "2.05", "payload": <JSON or text>} on stdout.
"""
import asyncio
import json
import sys

from aiocoap import Context, Message, GET, PUT


async def main(argv):
    verb, uri = argv[1], argv[2]
    context = await Context.create_client_context()
    try:
        if verb == "get":
            request = Message(code=GET, uri=uri)
        else:
            request = Message(code=PUT, uri=uri, payload=argv[3].encode(),
                              content_format=50)
        response = await asyncio.wait_for(context.request(request).response, 20)
        text = response.payload.decode("utf-8", "replace")
        try:
            payload = json.loads(text) if text else None
        except ValueError:
            payload = text
        print(json.dumps({"code": str(response.code.dotted), "payload": payload}))
    finally:
        await context.shutdown()


if __name__ == "__main__":
    asyncio.run(main(sys.argv))
