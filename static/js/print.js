// Where scripts run, the report's Print link prints at once; without them it
// opens the print view (?print=1), which the browser's own Print command prints.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-print]");
  if (link && typeof window.print === "function") {
    event.preventDefault();
    window.print();
  }
});
