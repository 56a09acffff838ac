// Reads a chosen .txt or .md file into the text box of the review queue's form (the form posts text).
const picker = document.getElementById('ingest-file');
const area = document.getElementById('ingest-text');
const status = document.getElementById('ingest-file-status');
if (picker && area) {
  picker.closest('.file-pick').hidden = false;
  const max = Number(picker.dataset.maxChars) || Infinity;
  picker.addEventListener('change', async () => {
    const file = picker.files && picker.files[0];
    if (!file) return;
    if (!/\.(txt|md|markdown)$/i.test(file.name)) {
      status.textContent = 'Choose a .txt or .md file.';
      return;
    }
    const text = await file.text();
    if (text.length > max) {
      status.textContent = `${file.name} has ${text.length.toLocaleString('en-GB')} characters; at most ${max.toLocaleString('en-GB')} are read at once.`;
      return;
    }
    area.value = text;
    status.textContent = `Read ${file.name}.`;
  });
}
