"""A small client of `setka serve`'s JSON API for the benchmarks (stdlib only).

    from setka_api import Api
    api = Api(port)            # waits until the server answers
    project = api.upload(FOLDER)["id"]
    run = api.submit(project, "schedule", time_limit=30)
    record = api.wait(run)     # the run once it is no longer queued or running
"""
import io, json, pathlib, time, urllib.request, zipfile


class Api:
    def __init__(self, port, host="127.0.0.1", attempts=200):
        self.base = f"http://{host}:{port}"
        for _ in range(attempts):
            try:
                self.call("/api/projects")
                return
            except Exception:
                time.sleep(0.2)

    def call(self, path, method="GET", body=None, headers=None):
        request = urllib.request.Request(self.base + path, method=method, data=body, headers=headers or {})
        with urllib.request.urlopen(request, timeout=600) as response:
            return json.loads(response.read())

    def upload(self, folder):
        """Uploads a scenario folder as a ZIP: the new project, with its loader's verdict."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(pathlib.Path(folder).rglob("*")):
                if f.is_file():
                    z.write(f, f.relative_to(folder).as_posix())
        boundary = "benchboundary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{pathlib.Path(folder).name}.zip\"\r\n\r\n").encode() \
            + buf.getvalue() + f"\r\n--{boundary}--\r\n".encode()
        return self.call("/api/projects", "POST", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def submit(self, project, job, time_limit):
        return self.call(f"/api/projects/{project}/runs", "POST", json.dumps({"job": job, "time_limit": time_limit}).encode(),
                         {"Content-Type": "application/json"})["id"]

    def wait(self, run_id, every=0.5):
        while True:
            record = self.call(f"/api/runs/{run_id}")
            if record["status"] not in ("queued", "running"):
                return record
            time.sleep(every)

    def file(self, run_id, name):
        with urllib.request.urlopen(f"{self.base}/api/runs/{run_id}/files/{name}", timeout=600) as response:
            return response.read()
