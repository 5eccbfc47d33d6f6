// Vite turns `?worker` imports into Worker constructors; declared here because this package does
// not depend on Vite's client types.
declare module '*?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}
