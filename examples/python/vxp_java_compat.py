#!/usr/bin/env python3
"""A client that speaks on the wire exactly as the national axis's Java client (SDKVXP 2.0.1) does,
written from the protocol's facts alone, with the Python 3 standard library (hmac, hashlib, socket,
http.client). It is what lienthong's /vxp endpoint is tested against.

What it reproduces:
  * POST {endpoint}/{verb} (downloadEdoc: GET), a new connection per request, HTTP/1.1;
  * one header map per client object that is never emptied: every caller key of earlier calls, the
    hash-file of an earlier sendEdoc and the timestamp taken when the object was built stay, signed;
  * XroadVnpt-<key> headers, XroadVnpt-sign-header (compact JSON), -sign-header-key, and
    -hash-header = HMAC-SHA256(secret as UTF-8, sign-header as UTF-8), lowercase hex;
  * the timestamp ddMMyyyy'T'HHmmss+SSSS (milliseconds, 4 digits);
  * the `to` key of sendEdoc as raw JSON text (quotes kept); other values as text; non-ASCII header
    characters written as their low 8 bits;
  * sendEdoc: application/octet-stream, the file then CRLF, XroadVnpt-hash-file = SHA-256 of the
    file as unpadded hex (0x0e -> "e"), JDK headers, one resend after a dropped connection;
  * Expect: 100-continue on getEdoc, count*, updateStatus, deleteAgency, registerAgency (the body
    waits for 100 Continue, or 3 s);
  * retries: `retry` attempts in all on the Apache paths;
  * answers read as the client reads them: UTF-8 (sendEdoc: US-ASCII), lines joined, and checked
    against what would make the Java client degrade (shape rules).

Usage:
  vxp_java_compat.py scenario --endpoint URL   (secrets from the environment, see main())
  vxp_java_compat.py call VERB --endpoint URL --system ID --secret S [--h JSON] [--file F]
"""

import argparse
import base64
import datetime
import hashlib
import hmac
import http.client
import json
import os
import select
import socket
import sys
import tempfile
import time
import urllib.parse


def unpadded_hex(digest):
    """Each byte as lowercase hex without zero-padding, as the client renders hash-file."""
    return "".join("%x" % b for b in digest)


def java_timestamp(now=None):
    now = now or datetime.datetime.now()
    return now.strftime("%d%m%Y") + "T" + now.strftime("%H%M%S") + "+%04d" % (now.microsecond // 1000)


def wire_bytes(value):
    """Apache writes each Java character as its low 8 bits."""
    return bytes(ord(c) & 0xFF for c in value)


def header_text(value):
    """A caller JSON value as the client puts it in a header."""
    if isinstance(value, list):
        if len(value) != 1:
            raise ValueError("a multi-element array makes the client's method fail")
        value = value[0]
    if value is None or isinstance(value, dict):
        raise ValueError("an object or null makes the client's method fail")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class ShapeError(Exception):
    """The answer would make the Java client degrade (all-null result, list dropped...)."""


ENVELOPE = ("status", "ErrorCode", "ErrorDesc")


def check_shape(verb, raw, obj):
    """The Java client's reading rules, as assertions."""
    if not isinstance(obj, dict):
        raise ShapeError("%s: answer is not a JSON object" % verb)
    for k in ENVELOPE:
        if k not in obj or obj[k] is None:
            raise ShapeError("%s: %s missing or null" % (verb, k))
        if not isinstance(obj[k], (str, int, float, bool)):
            raise ShapeError("%s: %s is not a scalar" % (verb, k))
    ok = str(obj["ErrorCode"]) == "0"
    if obj["status"] == "FAIL" and ok:
        raise ShapeError("%s: FAIL with ErrorCode 0" % verb)
    if verb == "sendEdoc":
        if "DocId" not in obj or obj["DocId"] is None:
            raise ShapeError("sendEdoc: DocId missing")
        if any(b > 0x7E for b in raw):
            raise ShapeError("sendEdoc: non-ASCII byte in the answer")
    if verb in ("getReceivedEdocList", "getSentEdocList", "getAgenciesList", "getAgenciesListQD20",
                "getSynchronizeUnit") and ok:
        if not isinstance(obj.get("data"), list):
            raise ShapeError("%s: no data array" % verb)
        for item in obj["data"]:
            if not isinstance(item, dict):
                raise ShapeError("%s: a list item is not an object" % verb)
            for k, v in item.items():
                if v is None:
                    raise ShapeError("%s: item field %s is null (the client drops the list)" % (verb, k))
    if verb == "getEdoc" and obj["status"] != "FAIL" and not isinstance(obj.get("data"), str):
        raise ShapeError("getEdoc: no base64 data")
    if verb in ("countReceiveEdoc", "countReceiveStatus") and obj["status"] != "FAIL":
        int(obj.get("count"))
    return obj


class DropAfterSend(Exception):
    pass


class VxpJavaClient:
    """One service object of the Java client: its header map lives as long as the object."""

    def __init__(self, endpoint, system_id, secret, retry=3):
        self.endpoint = endpoint.rstrip("/")
        u = urllib.parse.urlsplit(self.endpoint)
        self.host, self.port, self.base = u.hostname, u.port or 80, u.path
        self.secret = secret
        self.retry = retry
        # The map, with the timestamp of construction.
        self.map = {"systemid": system_id, "timestamp": java_timestamp()}
        self.requests = 0
        # Expect: 100-continue requests answered with 100 Continue, and those that waited the 3 s.
        self.continued = 0
        self.waited = 0

    # -- signing ---------------------------------------------------------------------------------
    def _signed_headers(self, h, content_type, send_edoc=False):
        for k, v in h.items():
            self.map[k] = json.dumps(v, ensure_ascii=False, separators=(",", ":")) if (
                send_edoc and k == "to") else header_text(v)
        self.map["Content-Type"] = content_type
        sign = json.dumps({"XroadVnpt-" + k: v for k, v in self.map.items()}, ensure_ascii=False,
                          separators=(",", ":"))
        mac = hmac.new(self.secret.encode("utf-8"), sign.encode("utf-8"), hashlib.sha256).hexdigest()
        headers = [("XroadVnpt-" + k, v) for k, v in self.map.items()]
        headers += [
            ("XroadVnpt-sign-header-key", ";".join(self.map.keys())),
            ("XroadVnpt-sign-header", sign),
            ("XroadVnpt-hash-header", mac),
            ("User-Agent", "JAVASDKAgent/1.0.0 XRoad/VPCP"),
            ("XroadVnpt-version", "3.0.201608"),
        ]
        return headers

    # -- one HTTP exchange -----------------------------------------------------------------------
    def _exchange(self, method, verb, headers, body, expect, drop_after_send=False, timeout=60):
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        try:
            lines = ["%s %s/%s HTTP/1.1" % (method, self.base, verb), "Host: %s:%d" % (self.host, self.port)]
            out = "\r\n".join(lines).encode("ascii") + b"\r\n"
            for k, v in headers:
                out += k.encode("ascii") + b": " + (v if isinstance(v, bytes) else wire_bytes(v)) + b"\r\n"
            if body is not None:
                out += b"Content-Length: %d\r\n" % len(body)
            if expect:
                out += b"Expect: 100-continue\r\n"
            out += b"\r\n"
            sock.sendall(out)
            if expect and body:
                # Wait for the interim answer (the client gives up after 3 s and sends anyway).
                ready, _, _ = select.select([sock], [], [], 3.0)
                if ready:
                    buf = b""
                    while not buf.endswith(b"\r\n\r\n"):
                        c = sock.recv(1)
                        if not c:
                            raise ConnectionError("closed while waiting for 100 Continue")
                        buf += c
                    if not buf.startswith(b"HTTP/1.1 100"):
                        raise ConnectionError("expected 100 Continue, got " + buf[:40].decode("latin-1"))
                    self.continued += 1
                else:
                    self.waited += 1
            if body:
                sock.sendall(body)
            self.requests += 1
            if drop_after_send:
                # The server has the whole POST and answers; the connection drops before the client
                # reads the answer, so it sends the same POST again.
                ready, _, _ = select.select([sock], [], [], 60.0)
                if not ready or not sock.recv(12, socket.MSG_PEEK).startswith(b"HTTP/1.1 200"):
                    raise ConnectionError("no answer to the first sendEdoc")
                raise DropAfterSend()
            resp = http.client.HTTPResponse(sock, method=method)
            resp.begin()
            data = resp.read()
            return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), data
        finally:
            sock.close()

    def _apache(self, verb, h, method="POST", body=b"", expect=False):
        headers = self._signed_headers(h, "application/json")
        headers = [("Content-Type", "application/json")] + headers + [
            ("Connection", "Keep-Alive"), ("Accept-Encoding", "gzip,deflate")]
        last = None
        for _ in range(self.retry):
            try:
                return self._exchange(method, verb, headers, None if method == "GET" else body, expect)
            except (OSError, http.client.HTTPException) as e:
                last = e  # "Retry lan thu:N", immediately
        raise ConnectionError("%s: %d attempts failed: %s" % (verb, self.retry, last))

    def _json(self, verb, h, body=b"", expect=False):
        status, _, raw = self._apache(verb, h, body=body, expect=expect)
        text = "".join(raw.decode("utf-8", "replace").splitlines())
        return check_shape(verb, raw, json.loads(text))

    # -- the verbs ---------------------------------------------------------------------------------
    def send_edoc(self, h, file_path, drop_first=False):
        with open(file_path, "rb") as f:
            data = f.read()
        self.map["hash-file"] = unpadded_hex(hashlib.sha256(data).digest())
        headers = self._signed_headers(h, "application/octet-stream", send_edoc=True)
        headers = [("Content-Type", "application/octet-stream")] + headers + [
            ("Cache-Control", "no-cache"), ("Pragma", "no-cache"),
            ("Accept", "text/html, image/gif, image/jpeg, */*; q=0.2"), ("Connection", "keep-alive")]
        body = data + b"\r\n"
        attempts = 0
        while True:
            attempts += 1
            try:
                status, _, raw = self._exchange("POST", "sendEdoc", headers, body, False,
                                                drop_after_send=drop_first and attempts == 1)
                break
            except DropAfterSend:
                continue  # the JDK re-sends the POST once
            except (OSError, http.client.HTTPException):
                if attempts >= 2:
                    return None
        text = "".join(raw.decode("ascii", "replace").splitlines())
        return check_shape("sendEdoc", raw, json.loads(text))

    def get_received_edoc_list(self, h):
        return self._json("getReceivedEdocList", h)

    def get_sent_edoc_list(self, h):
        return self._json("getSentEdocList", h)

    def get_edoc(self, h):
        return self._json("getEdoc", h, body=b"{}", expect=True)

    def count_receive_edoc(self, h):
        return self._json("countReceiveEdoc", h, body=b"{}", expect=True)

    def count_receive_status(self, h):
        return self._json("countReceiveStatus", h, body=b"{}", expect=True)

    def update_status(self, h):
        return self._json("updateStatus", h, body=b"{}", expect=True)

    def delete_agency(self, h):
        return self._json("deleteAgency", h, body=b"{}", expect=True)

    def register_agency(self, h, body):
        return self._json("registerAgency", h, body=body.encode("utf-8"), expect=True)

    def get_agencies_list(self, h):
        return self._json("getAgenciesList", h)

    def get_agencies_list_qd20(self, h):
        return self._json("getAgenciesListQD20", h)

    def get_synchronize_unit(self, h):
        return self._json("getSynchronizeUnit", h)

    def download_edoc(self, h):
        """The raw bytes, and what the client would report (SUCCESS when the body is not empty)."""
        status, headers, raw = self._apache("downloadEdoc", h, method="GET")
        return raw, ("SUCCESS" if len(raw) > 0 else "FAIL"), headers

    def download_edoc2(self):
        """downloadEdoc2: a GET with no XroadVnpt header at all."""
        headers = [("User-Agent", "Apache-HttpClient/4.5.6 (Java/17)")]
        status, hdrs, raw = self._exchange("GET", "downloadEdoc", headers, None, False)
        return raw, status, hdrs


# ---------------------------------------------------------------------------------------------------
# edXML packages for the scenario (QCVN 102:2016 shape)

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def edoc_package(sender, recipients, number, subject):
    today = datetime.date.today().strftime("%Y/%m/%d")
    document_id = "%s,%s,%s/VXP-JAVA" % (sender, today, number)
    to = "".join("<edXML:To><edXML:OrganId>%s</edXML:OrganId><edXML:OrganName>%s</edXML:OrganName></edXML:To>"
                 % (r, r) for r in recipients)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\r\n'
        '<edXML:edXML xmlns:edXML="%s"><edXML:edXMLEnvelope><edXML:edXMLHeader><edXML:MessageHeader>'
        "<edXML:From><edXML:OrganId>%s</edXML:OrganId><edXML:OrganName>%s</edXML:OrganName></edXML:From>%s"
        "<edXML:DocumentId>%s</edXML:DocumentId>"
        "<edXML:Code><edXML:CodeNumber>%s</edXML:CodeNumber><edXML:CodeNotation>VXP-JAVA</edXML:CodeNotation></edXML:Code>"
        "<edXML:PromulgationInfo><edXML:Place>Hà Nội</edXML:Place><edXML:PromulgationDate>%s</edXML:PromulgationDate></edXML:PromulgationInfo>"
        "<edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>"
        "<edXML:Subject>%s</edXML:Subject><edXML:Content>%s</edXML:Content>"
        "<edXML:OtherInfo><edXML:Priority>0</edXML:Priority></edXML:OtherInfo><edXML:SteeringType>1</edXML:SteeringType>"
        "</edXML:MessageHeader><edXML:TraceHeaderList><edXML:Bussiness><edXML:BussinessDocType>0</edXML:BussinessDocType>"
        "</edXML:Bussiness></edXML:TraceHeaderList></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML:edXML>\r\n"
    ) % (NS, sender, sender, to, document_id, number, today, esc(subject), esc(subject))
    return xml.encode("utf-8"), document_id


def status_package(responder, sender, document_id, code, description):
    now = datetime.datetime.now().strftime("%Y/%m/%d %H:%M:%S")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\r\n'
        '<edXML:edXML xmlns:edXML="%s"><edXML:edXMLEnvelope><edXML:edXMLHeader><edXML:MessageHeader>'
        "<edXML:From><edXML:OrganId>%s</edXML:OrganId><edXML:OrganName>%s</edXML:OrganName></edXML:From>"
        "<edXML:ResponseFor><edXML:OrganId>%s</edXML:OrganId><edXML:DocumentId>%s</edXML:DocumentId></edXML:ResponseFor>"
        "<edXML:StaffInfo><edXML:Department>Văn thư</edXML:Department><edXML:Staff>Nguyễn Văn A</edXML:Staff></edXML:StaffInfo>"
        "<edXML:StatusCode>%s</edXML:StatusCode><edXML:Description>%s</edXML:Description>"
        "<edXML:Timestamp>%s</edXML:Timestamp></edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML:edXML>\r\n"
    ) % (NS, responder, responder, sender, document_id, code, esc(description), now)
    return xml.encode("utf-8")


def write_file(directory, name, data):
    p = os.path.join(directory, name)
    with open(p, "wb") as f:
        f.write(data)
    return p


def log(step, **fields):
    print(json.dumps(dict(step=step, **fields), ensure_ascii=False), flush=True)


def wait_for(what, fn, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        v = fn()
        if v:
            return v
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting for " + what)
        time.sleep(0.2)


def scenario(a):
    """Every verb, as a QLVB system on the Java client runs them, plus the refusals."""
    env = os.environ
    sender_id, recipient_id = a.sender, a.recipient
    s = VxpJavaClient(a.endpoint, sender_id, env["VXP_SENDER_SECRET"])
    r = VxpJavaClient(a.endpoint, recipient_id, env["VXP_RECIPIENT_SECRET"])
    tmp = tempfile.mkdtemp(prefix="vxp-java-")
    run = a.run

    ag = s.get_agencies_list({})
    qd = s.get_agencies_list_qd20({})
    su = s.get_synchronize_unit({})
    log("agencies", status=ag["status"], codes=sorted(x["code"] for x in ag["data"]),
        qd20=len(qd["data"]), sync=len(su["data"]), syncKeys=sorted(su["data"][0].keys()))

    pkg1, doc1 = edoc_package(sender_id, [recipient_id], run + "1", "Về việc thử nghiệm trục VXP")
    f1 = write_file(tmp, "doc1.edxml", pkg1)
    h = {"servicetype": "eDoc", "messagetype": "edoc", "from": sender_id, "to": recipient_id}
    a1 = s.send_edoc(h, f1)
    log("sent", status=a1["status"], code=a1["ErrorCode"], docId=a1["DocId"], desc=a1["ErrorDesc"])
    a1b = s.send_edoc(h, f1)
    log("replayed", sameDocId=a1b["DocId"] == a1["DocId"], status=a1b["status"])

    pkg2, doc2 = edoc_package(sender_id, [recipient_id], run + "2", "Gửi lại sau khi mất kết nối")
    f2 = write_file(tmp, "doc2.edxml", pkg2)
    sent_before = s.requests
    a2 = s.send_edoc(h, f2, drop_first=True)
    log("dropped-and-resent", status=a2["status"], attempts=s.requests - sent_before, docId=a2["DocId"])

    def listed():
        lst = r.get_received_edoc_list({"messagetype": "edoc"})["data"]
        mine = [i for i in lst if i.get("documentId") in (doc1, doc2)]
        return mine if len(mine) >= 2 else None

    items = wait_for("both documents listed", listed)
    time.sleep(1.0)
    items = [i for i in r.get_received_edoc_list({"messagetype": "edoc"})["data"]
             if i.get("documentId") in (doc1, doc2)]
    log("listed", count=len(items), perDocument=sorted(
        [sum(1 for i in items if i["documentId"] == d) for d in (doc1, doc2)]),
        keys=sorted(items[0].keys()))
    n = r.count_receive_edoc({})
    log("counted", count=n["count"])
    it1 = next(i for i in items if i["documentId"] == doc1)
    it2 = next(i for i in items if i["documentId"] == doc2)
    g = r.get_edoc({"docId": it1["docId"], "filePath": tmp})
    got = base64.b64decode(g["data"])
    raw, outcome, _ = r.download_edoc({"docId": it1["docId"], "filePath": tmp})
    log("fetched", getEdocIdentical=got == pkg1, downloadIdentical=raw == pkg1, outcome=outcome, size=len(raw))

    f = r.update_status({"docId": it2["docId"], "status": "fail"})
    still = [i for i in r.get_received_edoc_list({"messagetype": "edoc"})["data"] if i["docId"] == it2["docId"]]
    log("failed", status=f["status"], listedRightAfter=len(still))
    d = r.update_status({"docId": it1["docId"], "status": "done"})
    d2 = r.update_status({"docId": it1["docId"], "status": "done"})
    log("done", status=d["status"], replay=d2["status"])

    # The recipient reports 03 and 05 as Status packages.
    codes = []
    for code, desc in (("03", "Đã phân công xử lý"), ("05", "Đã hoàn thành")):
        fp = write_file(tmp, "st%s.edxml" % code, status_package(recipient_id, sender_id, doc1, code, desc))
        st = r.send_edoc({"servicetype": "eDoc", "messagetype": "status", "from": recipient_id,
                          "to": sender_id}, fp)
        codes.append(st["status"])
    log("statuses sent", results=codes)

    def statuses():
        lst = s.get_received_edoc_list({"messagetype": "status"})["data"]
        mine = [i for i in lst if i.get("documentId") == doc1]
        return mine if len(mine) >= 3 else None

    st_items = wait_for("statuses at the sender", statuses)
    cs = s.count_receive_status({})
    first = s.get_edoc({"docId": st_items[0]["docId"]})
    for i in st_items:
        s.update_status({"docId": i["docId"], "status": "done"})
    log("statuses received", codes=sorted(i.get("statusCode") for i in st_items), count=cs["count"] >= 3,
        statusPackage=b"StatusCode" in base64.b64decode(first["data"]))

    sent = s.get_sent_edoc_list({"docId": a1["DocId"]})
    rec = [x for x in sent["data"] if x.get("toCode") == recipient_id]
    log("tracking", count=len(rec), receiveStatus=rec[0]["receiveStatus"], hasReceivedTime="receivedTime" in rec[0],
        keys=sorted(rec[0].keys()))
    # A new service object: the old one still carries (and signs) the docId of the call before.
    all_sent = VxpJavaClient(a.endpoint, sender_id, env["VXP_SENDER_SECRET"]).get_sent_edoc_list({})
    log("sent list", documents=sorted(set(x["documentId"] for x in all_sent["data"]
                                          if x["documentId"] in (doc1, doc2))) == sorted([doc1, doc2]))

    # Refusals.
    bad = VxpJavaClient(a.endpoint, sender_id, "not-the-secret")
    b = bad.get_received_edoc_list({})
    log("wrong secret", status=b["status"], code=b["ErrorCode"], desc=b["ErrorDesc"])
    unk = VxpJavaClient(a.endpoint, "000.00.99.Z99", "whatever")
    u = unk.count_receive_edoc({})
    log("unknown system", status=u["status"], code=u["ErrorCode"])
    reg = s.register_agency({}, json.dumps({"code": "000.00.77.H41", "name": "Mới", "mail": "a@b.vn", "pid": "1"}))
    de = s.delete_agency({"code": "000.00.12.H41"})
    log("directory", register=[reg["status"], reg["ErrorCode"]], delete=[de["status"], de["ErrorCode"]],
        desc=reg["ErrorDesc"])
    body, status, hdrs = s.download_edoc2()
    log("downloadEdoc2", bodyBytes=len(body), http=status, code=hdrs.get("xroadvnpt-errorcode"))
    nf = r.get_edoc({"docId": it1["docId"]})
    log("acked item", status=nf["status"], code=nf["ErrorCode"])
    log("100-continue", answered=s.continued + r.continued, waited=s.waited + r.waited)
    return 0


def call(a):
    """One verb, printing the answer (downloadEdoc: the bytes to --out)."""
    c = VxpJavaClient(a.endpoint, a.system, a.secret)
    h = json.loads(a.h)
    m = {
        "getReceivedEdocList": c.get_received_edoc_list, "getSentEdocList": c.get_sent_edoc_list,
        "getEdoc": c.get_edoc, "countReceiveEdoc": c.count_receive_edoc,
        "countReceiveStatus": c.count_receive_status, "updateStatus": c.update_status,
        "deleteAgency": c.delete_agency, "getAgenciesList": c.get_agencies_list,
        "getAgenciesListQD20": c.get_agencies_list_qd20, "getSynchronizeUnit": c.get_synchronize_unit,
    }
    if a.verb == "sendEdoc":
        out = c.send_edoc(h, a.file)
    elif a.verb == "downloadEdoc":
        raw, outcome, _ = c.download_edoc(h)
        with open(a.out, "wb") as f:
            f.write(raw)
        out = {"outcome": outcome, "size": len(raw)}
    elif a.verb == "registerAgency":
        out = c.register_agency(h, a.body)
    else:
        out = m[a.verb](h)
    print(json.dumps(out, ensure_ascii=False))
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    sc = sub.add_parser("scenario", help="every verb and the refusals (secrets: VXP_SENDER_SECRET, VXP_RECIPIENT_SECRET)")
    sc.add_argument("--endpoint", required=True)
    sc.add_argument("--sender", required=True)
    sc.add_argument("--recipient", required=True)
    sc.add_argument("--run", default=str(int(time.time())))
    ca = sub.add_parser("call", help="one verb")
    ca.add_argument("verb")
    ca.add_argument("--endpoint", required=True)
    ca.add_argument("--system", required=True)
    ca.add_argument("--secret", default=os.environ.get("VXP_SECRET", ""))
    ca.add_argument("--h", default="{}")
    ca.add_argument("--file")
    ca.add_argument("--out")
    ca.add_argument("--body", default="{}")
    a = p.parse_args(argv)
    return scenario(a) if a.cmd == "scenario" else call(a)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ConnectionError as e:
        # Every attempt failed to reach the endpoint: a wrong --endpoint, or the node is not serving /vxp.
        print("error: %s (check --endpoint: `lienthong up --http-port PORT` prints it as vxp:)" % e, file=sys.stderr)
        sys.exit(1)
