#!/usr/bin/env python3
"""A document system's side of the lienthong edXML gateway, in Python 3's standard library only.

What a Java, .NET or PHP integrator writes: HTTP with urllib, edXML with xml.etree. It runs the
whole cycle between two agencies hosted by a lienthong node:

  1. the sender posts an edXML package (POST /api/v1/edocs);
  2. the recipient lists what waits for it (GET /api/v1/edocs/received);
  3. fetches the package (GET /api/v1/edocs/{id}) and checks it is byte for byte what was sent;
  4. acknowledges it (POST /api/v1/edocs/{id}/ack: 01 arrived);
  5. reports 03 (accepted), 05 (in progress) and 06 (completed) as edXML Status packages;
  6. the sender reads its tracking (GET /api/v1/edocs/sent?documentId=...) until it shows 06;
  7. and takes the four Status packages from its own received list (messageType=status).

Usage:
  vxp_client.py --url http://127.0.0.1:9464/api/v1 --sender 000.00.00.G22 --recipient 000.00.00.H41 \
      [--sender-token T] [--recipient-token T] [--package FILE]

Tokens come from `lienthong creds issue agency CODE --data DIR --http-token` (also read from
LT_SENDER_TOKEN / LT_RECIPIENT_TOKEN). Without tokens (a broker started with `up --no-auth`) each
request names its agency in the X-Lienthong-Agency header. Exit status 0 when the cycle completed.

A request answered 429 (the agency's queue at its node is full) or 503 (the node is starting or
draining) is made again after the Retry-After the gateway sends, within --timeout.
"""
import argparse
import datetime
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
VN = datetime.timezone(datetime.timedelta(hours=7))


class GatewayError(Exception):
    def __init__(self, status, body, retry_after=None):
        super().__init__("HTTP %d: %s" % (status, body))
        self.status = status
        self.body = body
        # Seconds to wait before asking again (429, 503), when the gateway said.
        self.retry_after = float(retry_after) if retry_after and retry_after.isdigit() else None


class Gateway:
    """One agency's view of the gateway."""

    def __init__(self, url, agency, token=None, timeout=30):
        self.url = url.rstrip("/")
        self.agency = agency
        self.token = token
        self.timeout = timeout
        self.waited = 0  # requests answered 429 or 503 and made again after Retry-After

    def _request(self, method, path, body=None, content_type=None):
        """One call. Answered 429 (the agency's queue at its node is full: backpressure) or 503 (the
        node is starting or draining), it waits the Retry-After the gateway names and asks again, for
        up to `timeout` seconds in all; every call may be repeated (a package posted twice is taken
        once)."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return self._request_once(method, path, body, content_type)
            except GatewayError as e:
                wait = e.retry_after
                if e.status not in (429, 503) or wait is None or time.monotonic() + wait > deadline:
                    raise
                self.waited += 1
                time.sleep(wait)

    def _request_once(self, method, path, body=None, content_type=None):
        headers = {"Accept": "application/json, application/xml"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        else:
            headers["X-Lienthong-Agency"] = self.agency
        if content_type:
            headers["Content-Type"] = content_type
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as res:
                return res.status, res.headers, res.read()
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            raise GatewayError(e.code, body, e.headers.get("Retry-After")) from None

    def _json(self, method, path, body=None, content_type=None):
        _, _, data = self._request(method, path, body, content_type)
        return json.loads(data.decode("utf-8"))

    def send_edoc(self, package):
        """sendEdoc: posts one edXML package (edoc or Status); returns {id, documentId, ...}."""
        return self._json("POST", "/edocs", package, "application/xml")

    def received(self, message_type=None):
        """getReceivedEdocList."""
        query = "?messageType=" + message_type if message_type else ""
        return self._json("GET", "/edocs/received" + query)

    def get_edoc(self, item_id):
        """getEdoc: the package bytes."""
        _, headers, data = self._request("GET", "/edocs/" + urllib.parse.quote(item_id, safe=""))
        if not headers.get("Content-Type", "").startswith("application/xml"):
            raise ValueError("expected application/xml, got " + headers.get("Content-Type", ""))
        return data

    def done(self, item_id):
        """updateStatus done: the item leaves the list (01 arrived for an edoc)."""
        return self._json("POST", "/edocs/%s/ack" % urllib.parse.quote(item_id, safe=""))

    def fail(self, item_id, reason):
        """updateStatus fail: listed again later."""
        body = json.dumps({"reason": reason}).encode("utf-8")
        return self._json("POST", "/edocs/%s/fail" % urllib.parse.quote(item_id, safe=""), body, "application/json")

    def sent(self, document_id):
        """getSentEdocList: the tracking of a document this agency sent, per recipient."""
        return self._json("GET", "/edocs/sent?documentId=" + urllib.parse.quote(document_id, safe=""))

    def agencies(self):
        """getAgenciesList."""
        return self._json("GET", "/agencies")

    def refusals(self, since=None):
        """What the network refused of this agency's submissions (a Status package accepted here, then
        refused at the home node of the document's sender), oldest first; since: ISO 8601."""
        query = "?since=" + urllib.parse.quote(since, safe="") if since else ""
        return self._json("GET", "/refusals" + query)["refusals"]


def q(name):
    return "{%s}%s" % (NS, name)


def sub(parent, name, text=None):
    e = ET.SubElement(parent, q(name))
    if text is not None:
        e.text = str(text)
    return e


def organ(parent, tag, code, name):
    o = sub(parent, tag)
    sub(o, "OrganId", code)
    sub(o, "OrganName", name)
    return o


def envelope():
    ET.register_namespace("edXML", NS)
    root = ET.Element(q("edXML"))
    header = sub(sub(root, "edXMLEnvelope"), "edXMLHeader")
    return root, header


def serialize(root):
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def build_edoc(sender, recipient, number, subject):
    """A new document (BussinessDocType 0) from sender to recipient."""
    now = datetime.datetime.now(VN)
    root, header = envelope()
    mh = sub(header, "MessageHeader")
    organ(mh, "From", sender, "Sender " + sender)
    organ(mh, "To", recipient, "Recipient " + recipient)
    document_id = "%s,%s,%s/PY-VXP" % (sender, now.strftime("%Y/%m/%d"), number)
    sub(mh, "DocumentId", document_id)
    code = sub(mh, "Code")
    sub(code, "CodeNumber", number)
    sub(code, "CodeNotation", "PY-VXP")
    info = sub(mh, "PromulgationInfo")
    sub(info, "Place", "Hà Nội")
    sub(info, "PromulgationDate", now.strftime("%Y/%m/%d"))
    dt = sub(mh, "DocumentType")
    sub(dt, "Type", 1)
    sub(dt, "TypeName", "Công văn")
    sub(mh, "Subject", subject)
    sub(mh, "Content", subject)
    other = sub(mh, "OtherInfo")
    sub(other, "Priority", 0)
    sub(mh, "SteeringType", 1)
    business = sub(sub(header, "TraceHeaderList"), "Bussiness")
    sub(business, "BussinessDocType", 0)
    return serialize(root), document_id


def build_status(responder, sender, document_id, code, description):
    """A Status package: responder reports `code` on sender's document."""
    root, header = envelope()
    mh = sub(header, "MessageHeader")
    organ(mh, "From", responder, "Responder " + responder)
    rf = sub(mh, "ResponseFor")
    sub(rf, "OrganId", sender)
    sub(rf, "DocumentId", document_id)
    staff = sub(mh, "StaffInfo")
    sub(staff, "Department", "Văn thư")
    sub(staff, "Staff", "Nguyễn Văn A")
    sub(mh, "StatusCode", code)
    sub(mh, "Description", description)
    sub(mh, "Timestamp", datetime.datetime.now(VN).strftime("%Y/%m/%d %H:%M:%S"))
    return serialize(root)


def wait_for(what, fn, timeout=30.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while True:
        value = fn()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting for " + what)
        time.sleep(interval)


def log(step, **fields):
    print(json.dumps(dict(step=step, **fields), ensure_ascii=False), flush=True)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", default=os.environ.get("LT_API", "http://127.0.0.1:9464/api/v1"))
    p.add_argument("--sender", required=True)
    p.add_argument("--recipient", required=True)
    p.add_argument("--sender-token", default=os.environ.get("LT_SENDER_TOKEN"))
    p.add_argument("--recipient-token", default=os.environ.get("LT_RECIPIENT_TOKEN"))
    p.add_argument("--package", help="post this edXML file instead of building one (its From/To must match)")
    p.add_argument("--timeout", type=float, default=30.0)
    a = p.parse_args(argv)

    sender = Gateway(a.url, a.sender, a.sender_token, a.timeout)
    recipient = Gateway(a.url, a.recipient, a.recipient_token, a.timeout)

    codes = [x["code"] for x in sender.agencies()]
    for code in (a.sender, a.recipient):
        if code not in codes:
            raise SystemExit("%s is not in the directory" % code)
    log("agencies", count=len(codes))

    if a.package:
        with open(a.package, "rb") as f:
            package = f.read()
        document_id = None
    else:
        package, document_id = build_edoc(
            a.sender, a.recipient, str(int(time.time() * 1000)), "Kiểm thử liên thông từ Python"
        )
    sent = sender.send_edoc(package)
    document_id = document_id or sent["documentId"]
    assert sent["documentId"] == document_id and sent["messageType"] == "edoc", sent
    log("sent", id=sent["id"], documentId=document_id, bytes=len(package), warnings=sent["warnings"])
    again = sender.send_edoc(package)
    assert again["id"] == sent["id"], (again, sent)
    log("resent", id=again["id"], duplicate=again["duplicate"])

    item = wait_for(
        "the package at the recipient",
        lambda: next((i for i in recipient.received("edoc") if i["documentId"] == document_id), None),
        a.timeout,
    )
    log("listed", id=item["id"], sender=item["from"], signature=item["signature"])
    fetched = recipient.get_edoc(item["id"])
    if fetched != package:
        raise SystemExit("the fetched package differs from the posted one (%d vs %d bytes)" % (len(fetched), len(package)))
    root = ET.fromstring(fetched)  # a namespace-aware parser accepts it
    assert root.tag == q("edXML"), root.tag
    log("fetched", bytes=len(fetched), identical=True)
    recipient.done(item["id"])
    assert not any(i["id"] == item["id"] for i in recipient.received()), "acknowledged item still listed"
    log("acknowledged", id=item["id"])

    for code, description in (("03", "Tiếp nhận, vào sổ văn bản đến"), ("05", "Đang xử lý"), ("06", "Hoàn thành xử lý")):
        r = recipient.send_edoc(build_status(a.recipient, a.sender, document_id, code, description))
        assert r["messageType"] == "status" and r["statusCode"] == code, r
        log("status", code=code, id=r["id"])

    def tracked():
        for rec in sender.sent(document_id):
            if rec["recipient"] == a.recipient and rec.get("statusCode") == "06":
                return rec
        return None

    rec = wait_for("06 in the sender's tracking", tracked, a.timeout)
    codes = sorted({t["statusCode"] for t in rec["timeline"] if t.get("statusCode")})
    log("tracking", recipient=rec["recipient"], transport=rec["transport"], business=rec["business"], statuses=codes)
    assert codes == ["01", "03", "05", "06"], codes

    # The statuses also reach the sender's system as Status packages, as from the VXP.
    def statuses():
        got = [i for i in sender.received("status") if i["documentId"] == document_id]
        return got if len(got) >= 4 else None

    items = wait_for("the Status packages at the sender", statuses, a.timeout)
    seen = []
    for i in items:
        status = ET.fromstring(sender.get_edoc(i["id"]))
        code = status.find(".//" + q("StatusCode")).text
        assert code == i["statusCode"], (code, i)
        sender.done(i["id"])
        seen.append(code)
    log("statuses received", codes=sorted(seen))
    assert sorted(seen) == ["01", "03", "05", "06"], seen

    # A status on a mistyped document number is accepted (202) by the recipient's home node, then
    # refused by the sender's: the recipient's system learns of it from its refusals.
    organ_id, date, number = document_id.split(",", 2)
    typo = ",".join([organ_id, date, "9" + number])
    recipient.send_edoc(build_status(a.recipient, a.sender, typo, "03", "Số văn bản gõ nhầm"))
    refused = wait_for(
        "the refusal of the mistyped status",
        lambda: next((r for r in recipient.refusals() if r["documentId"] == typo), None),
        a.timeout,
    )
    log("refused", documentId=typo, statusCode=refused.get("statusCode"), reason=refused["reason"])
    assert refused["reason"] == "UNKNOWN_DOCUMENT" and refused.get("statusCode") == "03", refused
    print("OK: sent, listed, fetched byte for byte, acknowledged, 03/05/06 reported, tracked and received;"
          " a mistyped status refused and told", flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except GatewayError as e:
        print("error: %s" % e, file=sys.stderr)
        sys.exit(1)
    except urllib.error.URLError as e:
        # No HTTP answer at all: a wrong --url, or the node is not serving it.
        print("error: cannot reach the gateway: %s (check --url: `lienthong up --http-port PORT` prints it as api:)"
              % getattr(e, "reason", e), file=sys.stderr)
        sys.exit(1)
