/** The notices bell; shown once the notices API exists (see NoticeBell wiring in a later commit). */
export function NoticeBell() {
  return null;
}
