import type { Format } from '../args';
import type { FileReport } from '../report';
import { formatCheckstyle } from './checkstyle';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export function formatReports(format: Format, reports: readonly FileReport[], color: boolean): string {
  switch (format) {
    case 'text':
      return formatText(reports, color);
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return formatSarif(reports);
    case 'github':
      return formatGithub(reports);
    case 'gitlab':
      return formatGitlab(reports);
    case 'checkstyle':
      return formatCheckstyle(reports);
  }
}
