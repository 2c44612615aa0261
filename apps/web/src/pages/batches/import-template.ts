import { ElMessage } from 'element-plus';
import { download } from '@/api/client';
import { errorText } from '@/utils/errors';

/** The api's Excel template (headers, an example row, a 说明 sheet), offered on the list and in the wizard. */
export async function downloadImportTemplate(): Promise<void> {
  try {
    await download('/api/imports/template.xlsx', '改革事项导入模板.xlsx');
  } catch (err) {
    ElMessage.error(errorText(err));
  }
}
