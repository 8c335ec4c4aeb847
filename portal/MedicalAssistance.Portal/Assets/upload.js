// Progressive enhancement of the reimbursement form: upload progress and one submission at a time.
// Without this script the form posts normally (the idempotency key still keeps a double tap to one application).
(function () {
  var form = document.getElementById("reimbursement-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
  var progress = document.getElementById(form.getAttribute("data-progress"));
  var sending = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending) { return; }
    sending = true;
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; button.textContent = "正在上传…"; }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    if (progress) {
      progress.hidden = false;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { progress.value = Math.round(e.loaded * 100 / e.total); progress.textContent = progress.value + "%"; }
      });
    }
    xhr.addEventListener("load", function () {
      if (xhr.responseURL && xhr.responseURL.indexOf("/reimbursements/new") < 0) { window.location.assign(xhr.responseURL); return; }
      document.open(); document.write(xhr.responseText); document.close();
    });
    xhr.addEventListener("error", function () {
      sending = false;
      if (button) { button.disabled = false; button.textContent = "重新提交"; }
      if (progress) { progress.hidden = true; }
      window.alert("网络不稳定，上传未完成，请重新提交。");
    });
    xhr.send(new FormData(form));
  });
})();
