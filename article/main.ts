/**
 * The article's entry. It stays small: prose and formulas are already in the HTML, and
 * figures pull in TF.js and the model only when they come near the viewport.
 */
import '../components/reading-progress';
