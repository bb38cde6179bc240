// Moving between pages and telling the user something, for every page module.
export function navigate(path) { location.hash = path; }

export function toast(message) {
  const box = document.getElementById('toast');
  box.textContent = message;
  setTimeout(() => { if (box.textContent === message) box.textContent = ''; }, 6000);
}
