// Camera scan at the door: uses the browser's BarcodeDetector where it exists;
// elsewhere the code is typed or pasted into the form.
(function () {
  "use strict";
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var box = document.getElementById("scanner");
  var video = document.getElementById("scanner-video");
  var start = document.getElementById("scanner-start");
  var form = document.getElementById("checkin-form");
  var input = form.querySelector("input[name=code]");
  box.hidden = false;
  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.play();
        var scan = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              input.value = codes[0].rawValue;
              stream.getTracks().forEach(function (track) { track.stop(); });
              form.submit();
            } else {
              window.requestAnimationFrame(scan);
            }
          }).catch(function () { window.requestAnimationFrame(scan); });
        };
        scan();
      })
      .catch(function () { box.hidden = true; input.focus(); });
  });
})();
