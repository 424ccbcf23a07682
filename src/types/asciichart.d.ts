declare module 'asciichart' {
  interface PlotConfig {
    height?: number;
    offset?: number;
    padding?: string;
    colors?: string[];
    min?: number;
    max?: number;
    format?: (x: number, i: number) => string;
  }
  const asciichart: {
    plot(series: number[] | number[][], config?: PlotConfig): string;
    blue: string;
    green: string;
    red: string;
    yellow: string;
    cyan: string;
    magenta: string;
    default: string;
    reset: string;
  };
  export default asciichart;
}
