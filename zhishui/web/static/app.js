// Small conveniences only; every page works without them.
document.addEventListener("click", function (e) {
  var el = e.target;
  if (el.matches && el.matches("input[data-copy]")) {   // click a link box: select it for copying
    el.select();
  }
  if (el.matches && el.matches("a[data-back]")) {
    e.preventDefault();
    history.back();
  }
});
